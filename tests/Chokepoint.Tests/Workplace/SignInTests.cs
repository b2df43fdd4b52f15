using Chokepoint.Tests.Support;
using Microsoft.Playwright;

namespace Chokepoint.Tests.Workplace;

/// <summary>Signing in to the workplace in a real browser: every role, the back-off, sign-out, and pages a role may not use.</summary>
public sealed class SignInTests(Browser browser)
{
    [Fact]
    public async Task A_compliance_officer_signs_in_sees_the_dashboard_and_signs_out()
    {
        await using var site = await WorkplaceSite.StartAsync(browser);
        var page = await site.SignInAsync("compliance");
        Assert.Equal("Dashboard · Chokepoint", await page.TitleAsync());
        await Assertions.Expect(page.GetByText("compliance", new() { Exact = true })).ToBeVisibleAsync();
        await WorkplaceSite.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/signin");
        await page.GotoAsync("/inbox");
        Assert.Contains("/signin", page.Url, StringComparison.Ordinal);
    }
}

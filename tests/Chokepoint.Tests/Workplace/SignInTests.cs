using Chokepoint.Core.Identity;
using Chokepoint.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chokepoint.Tests.Workplace;

/// <summary>Signing in to the workplace in a real browser: every role and what it may open, the back-off, sign-out,
/// the first run, and the walls between the cookie and the API.</summary>
public sealed class SignInTests(Browser browser)
{
    /// <summary>Every page, the permission it needs (null: any signed-in person), and a path that exists.</summary>
    private static readonly (string Path, Permission? Needs)[] Pages =
    [
        ("/", null), ("/lists", null), ("/lists/un-sc", null), ("/screen", Permission.Screen), ("/screen?name=ERIC+BADEGE", Permission.Screen),
        ("/screen/batch", Permission.Screen), ("/inbox", Permission.ReadAlerts), ("/counterparties", Permission.ReadAlerts),
        ("/counterparties/import", Permission.ReviewAlerts),
    ];

    [Fact]
    public async Task A_compliance_officer_signs_in_sees_the_dashboard_and_signs_out()
    {
        await using var site = await WorkplaceSite.StartAsync(browser);
        var page = await site.SignInAsync("compliance");
        Assert.Equal("Dashboard · Chokepoint", await page.TitleAsync());
        await Expect(page.Locator("header")).ToContainTextAsync("Yunnan Germanium Materials");
        await WorkplaceSite.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("^.*/signin$"));
        await page.GotoAsync("/inbox");
        Assert.Contains("/signin?ReturnUrl=%2Finbox", page.Url, StringComparison.Ordinal);
        await WorkplaceSite.AssertAccessibleAsync(page);
        using var trail = await site.Server.SendAsync(HttpMethod.Get, "/api/licensing/audit/export?format=json", "auditor");
        var events = await trail.Content.ReadAsStringAsync();
        Assert.Contains("session.signed-in", events, StringComparison.Ordinal);
        Assert.Contains("session.signed-out", events, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Every_role_signs_in_and_opens_exactly_the_pages_it_may_use(string kind)
    {
        await using var site = await WorkplaceSite.StartAsync(browser, kind);
        foreach (var (user, role) in new[] { ("admin", Roles.Administrator), ("officer", Roles.LicensingOfficer), ("auditor", Roles.Auditor),
                     ("applicant", Roles.Applicant), ("compliance", Roles.ComplianceOfficer), (WorkplaceSite.Boss, Roles.Administrator) })
        {
            var page = await site.SignInAsync(user);
            await Expect(page.Locator("header")).ToContainTextAsync($"({role})");
            var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Workplace" });
            await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Inbox" })).ToHaveCountAsync(Roles.Permits(role, Permission.ReadAlerts) ? 1 : 0);
            await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Screening", Exact = true })).ToHaveCountAsync(Roles.Permits(role, Permission.Screen) ? 1 : 0);
            foreach (var (path, needs) in Pages)
            {
                var response = await page.Context.APIRequest.GetAsync(path, new() { MaxRedirects = 0 });
                var allowed = needs is not { } p || Roles.Permits(role, p);
                Assert.True(allowed ? response.Status == 200 : response.Status == 302 && response.Headers["location"].Contains("/denied", StringComparison.Ordinal),
                    $"{user} ({role}) GET {path}: {response.Status} {response.Headers.GetValueOrDefault("location")}");
            }
            if (!Roles.Permits(role, Permission.ReadAlerts))
            {
                var denied = await page.GotoAsync("/inbox");
                Assert.Equal(403, denied!.Status);
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
                await WorkplaceSite.AssertAccessibleAsync(page);
            }
        }
    }

    [Fact]
    public async Task Failed_sign_ins_back_off_and_say_how_long_to_wait()
    {
        await using var site = await WorkplaceSite.StartAsync(browser);
        var page = await site.NewPageAsync();
        for (var i = 0; i <= Chokepoint.Licensing.Accounts.SignInThrottle.FreeFailures + 1; i++)
        {
            await page.GotoAsync("/signin");
            await page.GetByLabel("Username").FillAsync("compliance");
            await page.GetByLabel("Password").FillAsync("not the password at all");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        }
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Too many failed sign-ins");
        // Even the right password waits now: the back-off is checked before the password.
        await page.GetByLabel("Username").FillAsync("compliance");
        await page.GetByLabel("Password").FillAsync(LicensingServer.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("try again in");
        await WorkplaceSite.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task The_cookie_opens_pages_only_and_every_form_needs_its_antiforgery_token()
    {
        await using var site = await WorkplaceSite.StartAsync(browser);
        var page = await site.SignInAsync("compliance");
        var api = page.Context.APIRequest;
        Assert.Equal(401, (await api.GetAsync("/api/alerts")).Status); // a signed-in browser cannot be made to call the API
        Assert.Equal(401, (await api.PostAsync("/api/screen", new() { DataObject = new { name = "x" } })).Status);
        Assert.Equal(400, (await api.PostAsync("/signout", new() { MaxRedirects = 0 })).Status);
        Assert.Equal(400, (await api.PostAsync("/screen?name=ERIC+BADEGE", new() { Form = Form(api, ("_handler", "open-case"), ("Case.Ref", "X")) })).Status);
        Assert.Equal(400, (await api.PostAsync("/workplace/batches", new() { Multipart = Multipart(api) })).Status);
        // Still signed in: nothing above changed anything.
        Assert.Equal(200, (await api.GetAsync("/inbox")).Status);
        // Without a session, pages send the browser to sign in, and the API answers 401 as before.
        var anonymous = (await site.NewPageAsync()).Context.APIRequest;
        var redirect = await anonymous.GetAsync("/inbox", new() { MaxRedirects = 0 });
        Assert.Equal(302, redirect.Status);
        Assert.Contains("/signin", redirect.Headers["location"], StringComparison.Ordinal);
        Assert.Equal(200, (await anonymous.GetAsync("/signin")).Status);
        Assert.Equal(401, (await anonymous.GetAsync("/api/alerts")).Status);
    }

    private static IFormData Form(IAPIRequestContext api, params (string Name, string Value)[] fields)
    {
        var form = api.CreateFormData();
        foreach (var (name, value) in fields) form.Set(name, value);
        return form;
    }

    private static IFormData Multipart(IAPIRequestContext api)
    {
        var form = api.CreateFormData();
        form.Set("file", new FilePayload { Name = "parties.csv", MimeType = "text/csv", Buffer = "name\nERIC BADEGE\n"u8.ToArray() });
        return form;
    }

    [Fact]
    public async Task The_first_administrator_is_made_once_with_the_setup_code_from_the_log()
    {
        using var scratch = new Scratch();
        var db = scratch.Path("first.db");
        await using var factory = ServerFactory.Chokepoint(db).WithWebHostBuilder(b => b.UseSetting("Chokepoint:CreateDatabase", "true"));
        factory.UseKestrel();
        factory.StartServer();
        var baseUrl = factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        using var http = factory.CreateClient();
        var code = factory.Services.GetRequiredService<Chokepoint.Server.Workplace.FirstRun>().Code;
        Assert.NotNull(code);
        await using var context = await browser.ContextAsync(http.BaseAddress!.ToString().TrimEnd('/'));
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.GetByRole(AriaRole.Link, new() { Name = "create the first one" }).ClickAsync();
        await WorkplaceSite.AssertAccessibleAsync(page);

        async Task SubmitAsync(string setupCode, string password)
        {
            await page.GetByLabel("Setup code").FillAsync(setupCode);
            await page.GetByLabel("Organisation", new() { Exact = true }).FillAsync("Shenzhen Precision Tools Co., Ltd.");
            await page.GetByLabel("Country (ISO code, e.g. CN)").FillAsync("CN");
            await page.GetByLabel("Your username").FillAsync("first-admin");
            await page.GetByLabel("Password (12 characters or more)").FillAsync(password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Create the administrator" }).ClickAsync();
        }
        await SubmitAsync("0000000000000000", "a long enough password");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not the setup code");
        await SubmitAsync(code!, "short");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("12 to 200 characters");
        await SubmitAsync(code!, "a long enough password");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Administrator first-admin created");

        await page.GotoAsync("/setup");
        await Expect(page.Locator("main")).ToContainTextAsync("The first-run page is closed");
        await page.GotoAsync("/signin");
        await page.GetByLabel("Username").FillAsync("first-admin");
        await page.GetByLabel("Password").FillAsync("a long enough password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(baseUrl + "/");
        await Expect(page.Locator("header")).ToContainTextAsync("first-admin");
    }
}

using Chokepoint.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chokepoint.Tests.Workplace;

/// <summary>
/// Every page of the workplace with data in it, on SQLite and PostgreSQL: it renders for the role that uses it, axe
/// finds no serious or critical violation, and (with CHOKEPOINT_SCREENSHOTS=1) its screenshot in docs/screenshots is
/// refreshed, so the README never shows an old page.
/// </summary>
public sealed class EveryPageTests(Browser browser)
{
    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Every_page_renders_with_data_and_passes_axe(string kind)
    {
        await using var site = await WorkplaceSite.StartAsync(browser, kind);
        await using (var store = await Chokepoint.Storage.SnapshotStores.OpenAsync(site.Server.Connection, CancellationToken.None))
            await new Chokepoint.Sources.Snapshots.SnapshotImporter(store, TimeProvider.System)
                .ImportAsync(TestData.File(TestData.Sdn2021), new Chokepoint.Sources.Snapshots.ImportOptions(), null, CancellationToken.None);
        await site.Server.OkAsync(HttpMethod.Post, "/api/counterparties", "compliance", new
        {
            source = "erp",
            counterparties = new object[]
            {
                new { @ref = "C-4", name = "ERIC BADEGE", kind = "person", country = "CD" },
                new { @ref = "C-7", name = "BANCO NACIONAL DE CUBA", kind = "organization", country = "CU" },
                new { @ref = "C-9", name = "Astana Logistics Partners LLP", kind = "organization", country = "KZ" },
            },
        });
        await site.Server.OkAsync(HttpMethod.Post, "/api/monitor", "admin");
        var alerts = (await site.Server.OkAsync(HttpMethod.Get, "/api/alerts", "compliance")).EnumerateArray().ToList();
        Assert.NotEmpty(alerts);
        var alert = alerts[0].GetProperty("id").GetInt64();
        var counterparty = (await site.Server.OkAsync(HttpMethod.Get, "/api/counterparties/C-4", "compliance")).GetProperty("current").GetProperty("id").GetInt64();

        var page = await site.SignInAsync("compliance");
        await CheckAsync(page, "/", "dashboard", "Dashboard");
        await CheckAsync(page, "/inbox", "inbox", "Alert inbox");
        await page.GotoAsync("/inbox?state=Open");
        var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "CSV", Exact = true }).ClickAsync());
        var lines = (await File.ReadAllLinesAsync(await csv.PathAsync())).ToList();
        Assert.StartsWith("alert,counterparty_ref", lines[0], StringComparison.Ordinal);
        Assert.Equal(alerts.Count(a => a.GetProperty("state").GetString() == "Open") + 1, lines.Count);
        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "xlsx", Exact = true }).ClickAsync());
        Assert.True(new FileInfo(await xlsx.PathAsync()).Length > 0);
        Assert.Equal(400, (await page.Context.APIRequest.GetAsync("/workplace/inbox.csv?state=Nope")).Status);
        await using (var anonymous = await browser.ContextAsync(site.BaseUrl))
            Assert.Equal(302, (await anonymous.APIRequest.GetAsync("/workplace/inbox.csv", new() { MaxRedirects = 0 })).Status);
        await CheckAsync(page, $"/alerts/{alert}", "case", $"Alert #{alert}");
        await CheckAsync(page, "/screen?name=ERIC+BADEGE&kind=person", "screening", "Screen a party");
        await CheckAsync(page, "/screen/batch", null, "Screen a file of parties");
        await CheckAsync(page, "/counterparties", "counterparties", "Counterparties");
        await CheckAsync(page, $"/counterparties/{counterparty}", null, "Counterparty C-4");
        await CheckAsync(page, "/counterparties/import", null, "Import counterparties");
        await CheckAsync(page, "/lists", null, "Lists");
        await CheckAsync(page, "/not-found", null, "Not found");

        var admin = await site.SignInAsync("admin");
        await CheckAsync(admin, "/lists", "lists", "Lists");
        await CheckAsync(admin, "/lists/us-ofac-sdn", "list-history", "us-ofac-sdn");
        var snapshots = (await site.Server.OkAsync(HttpMethod.Get, "/api/licensing/audit/verify", "auditor"));
        Assert.True(snapshots.GetProperty("intact").GetBoolean());
        await admin.GotoAsync("/lists/us-ofac-sdn");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Show the differences" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("changed");
        await WorkplaceSite.AssertAccessibleAsync(admin);
        await ScreenshotAsync(admin, "list-diff");
    }

    private static async Task CheckAsync(IPage page, string path, string? screenshot, string heading)
    {
        var response = await page.GotoAsync(path);
        Assert.True(response!.Status is 200 or 404, $"{path}: {response.Status}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(heading);
        await WorkplaceSite.AssertAccessibleAsync(page);
        if (screenshot is not null) await ScreenshotAsync(page, screenshot);
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("CHOKEPOINT_SCREENSHOTS") != "1") return;
        var folder = Path.Combine(RepoPaths.Root, "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = false });
    }
}

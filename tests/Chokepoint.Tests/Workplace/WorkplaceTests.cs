using System.Net.Http.Json;
using Chokepoint.Core.Identity;
using Chokepoint.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chokepoint.Tests.Workplace;

/// <summary>
/// The workplace in Debian's chromium against a real server: screening, batch upload and download, the reviewer's
/// loop with four eyes, counterparties, lists, output encoding, organisations kept apart, and axe on every page.
/// </summary>
public sealed class WorkplaceTests(Browser browser)
{
    [Fact]
    public async Task A_cyrillic_name_screens_to_the_listed_entry_shown_beside_it_with_the_explanation()
    {
        await using var site = await WorkplaceSite.StartAsync(browser);
        var page = await site.SignInAsync("compliance");
        await page.GetByRole(AriaRole.Link, new() { Name = "Screening", Exact = true }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("Умаров Доку Хаматович");
        await page.GetByLabel("Kind").SelectOptionAsync("person");
        await page.GetByRole(AriaRole.Button, new() { Name = "Screen" }).ClickAsync();
        var hit = page.Locator("article.hit").First;
        await Expect(hit).ToContainTextAsync("UMAROV");
        await Expect(hit.GetByRole(AriaRole.Region, new() { Name = "The listed entry" })).ToContainTextAsync("2960872");
        await Expect(hit.Locator("table caption")).ToContainTextAsync("Why it scores");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("on record");
        await WorkplaceSite.AssertAccessibleAsync(page);

        // Open a case from the hit: the party is registered and the alert opens on its case page.
        await hit.GetByRole(AriaRole.Button, new() { Name = "Open a case" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("^.*/alerts/[^/]*$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Our counterparty" })).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Умаров Доку Хаматович");
    }

    [Fact]
    public async Task A_batch_of_a_thousand_rows_uploads_with_progress_and_downloads_as_xlsx_and_csv()
    {
        await using var site = await WorkplaceSite.StartAsync(browser);
        var file = Path.Combine(Path.GetTempPath(), $"batch-{Guid.NewGuid():N}.csv");
        var lines = new List<string> { "name,kind,country" };
        lines.AddRange(Enumerable.Range(1, 995).Select(i => $"Trader {i} Logistics Partners,organization,KZ"));
        lines.AddRange(["ERIC BADEGE,person,CD", "BANCO NACIONAL DE CUBA,organization,CU", "=HYPERLINK(\"http://x\"),organization,", "Umarov Doku,person,", "Astana Trade House,organization,KZ"]);
        await File.WriteAllLinesAsync(file, lines);
        try
        {
            var page = await site.SignInAsync("compliance");
            await page.GotoAsync("/screen/batch");
            await WorkplaceSite.AssertAccessibleAsync(page);
            await page.GetByLabel("File").SetInputFilesAsync(file);
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload and screen" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("^.*/screen/batch/[^/]*$"));
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("1,000 parties");
            await Expect(page.Locator("tbody")).ToContainTextAsync("BADEGE");
            await WorkplaceSite.AssertAccessibleAsync(page);

            var xlsx = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download xlsx" }).ClickAsync());
            var saved = file + ".xlsx";
            await xlsx.SaveAsAsync(saved);
            using (var workbook = new ExportedWorkbook(saved))
            {
                Assert.True(workbook.Rows.Count >= 1001, $"{workbook.Rows.Count} rows in the workbook");
                Assert.Contains(workbook.Rows.SelectMany(r => r.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>()), c => ExportedWorkbook.Text(c).Contains("BADEGE", StringComparison.Ordinal));
                workbook.AssertFormulasDefused();
                workbook.AssertValid();
            }
            var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).ClickAsync());
            var text = await File.ReadAllTextAsync(await csv.PathAsync());
            Assert.StartsWith("line,name,kind", text, StringComparison.Ordinal);
            Assert.Contains("'=HYPERLINK", text, StringComparison.Ordinal);
            File.Delete(saved);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_reviewer_decides_and_a_second_reviewer_approves_but_nobody_approves_their_own(string kind)
    {
        await using var site = await WorkplaceSite.StartAsync(browser, kind);
        await site.Server.OkAsync(HttpMethod.Post, "/api/counterparties", "compliance",
            new { counterparties = new[] { new { @ref = "C-4", name = "ERIC BADEGE", kind = "person" } } });
        await site.Server.OkAsync(HttpMethod.Post, "/api/monitor", "admin");

        var reviewer = await site.SignInAsync("compliance");
        await reviewer.GotoAsync("/inbox?state=Open");
        await WorkplaceSite.AssertAccessibleAsync(reviewer);
        var row = reviewer.Locator("tr[data-href]").Filter(new() { HasText = "C-4" }).First;
        await Expect(row).ToContainTextAsync("BADEGE");
        await reviewer.Keyboard.PressAsync("j");
        await reviewer.Keyboard.PressAsync("Enter");
        await Expect(reviewer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("^.*/alerts/[^/]*$"));
        var alertUrl = reviewer.Url;
        await WorkplaceSite.AssertAccessibleAsync(reviewer);
        await reviewer.GetByLabel("Attach a file (at most 5 MB)").SetInputFilesAsync(new FilePayload { Name = "passport.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4 passport"u8.ToArray() });
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Attach", Exact = true }).ClickAsync();
        await Expect(reviewer.GetByRole(AriaRole.Status)).ToContainTextAsync("passport.pdf attached");
        var evidence = await reviewer.RunAndWaitForDownloadAsync(() => reviewer.GetByRole(AriaRole.Link, new() { Name = "passport.pdf" }).ClickAsync());
        Assert.Equal("%PDF-1.4 passport", await File.ReadAllTextAsync(await evidence.PathAsync()));
        // f chooses "false positive" and puts the cursor in the reason; Enter there decides.
        await reviewer.Keyboard.PressAsync("f");
        await Expect(reviewer.GetByLabel("Decision", new() { Exact = true })).ToHaveValueAsync("FalsePositive");
        await reviewer.GetByLabel("Reason (required)").FillAsync("Ours is a trader in Kinshasa born 1990; the listed man was born 1971 in Rutshuru.");
        await reviewer.GetByLabel("Reason (required)").PressAsync("Enter");
        await Expect(reviewer.GetByRole(AriaRole.Status)).ToContainTextAsync("decided: FalsePositive");

        await reviewer.GotoAsync(alertUrl);
        await Expect(reviewer.Locator("main")).ToContainTextAsync("AwaitingApproval");
        await Expect(reviewer.GetByRole(AriaRole.Button, new() { Name = "Approve the false positive" })).ToHaveCountAsync(0);
        await Expect(reviewer.Locator("main")).ToContainTextAsync("Nobody approves their own decision");

        var approver = await site.SignInAsync(WorkplaceSite.Boss);
        await approver.GotoAsync("/inbox?state=AwaitingApproval");
        await Expect(approver.Locator("tbody")).ToContainTextAsync("C-4");
        await approver.GotoAsync(alertUrl);
        await Expect(approver.GetByRole(AriaRole.Button, new() { Name = "Send back" })).ToBeVisibleAsync();
        await WorkplaceSite.AssertAccessibleAsync(approver);
        await approver.GetByRole(AriaRole.Button, new() { Name = "Approve the false positive" }).ClickAsync();
        await Expect(approver.GetByRole(AriaRole.Status)).ToContainTextAsync("approved and closed");
        await approver.GotoAsync(alertUrl);
        await Expect(approver.Locator("main")).ToContainTextAsync("Closed (FalsePositive)");
        // Every step is in the audit trail, shown as the case's history.
        var history = approver.Locator("section[aria-labelledby=history]");
        await Expect(history).ToContainTextAsync("alert.opened");
        await Expect(history).ToContainTextAsync("alert.decided");
        await Expect(history).ToContainTextAsync("alert.approved");
        var audit = await site.Server.OkAsync(HttpMethod.Get, "/api/licensing/audit/verify", "auditor");
        Assert.True(audit.GetProperty("intact").GetBoolean(), audit.ToString());
    }

    private const string Listed = "<script>window.__pwned=1</script>Evil Script Trading <img src=x onerror=window.__pwned=2>";

    [Fact]
    public async Task A_listed_name_with_markup_shows_as_text_and_never_runs()
    {
        await using var site = await WorkplaceSite.StartAsync(browser);
        var folder = Directory.CreateTempSubdirectory("xss-").FullName;
        var list = Path.Combine(folder, "workplace_markup");
        Directory.CreateDirectory(list);
        await File.WriteAllTextAsync(Path.Combine(list, "entities.ftm.json"),
            """{"id": "NK-markup-1", "schema": "Company", "properties": {"name": [""" + System.Text.Json.JsonSerializer.Serialize(Listed) + """], "country": ["ru"], "topics": ["sanction"]}}""" + "\n");
        await using (var store = await Chokepoint.Storage.SnapshotStores.OpenAsync(site.Server.Connection, CancellationToken.None))
            await new Chokepoint.Sources.Snapshots.SnapshotImporter(store, TimeProvider.System)
                .ImportAsync(Path.Combine(list, "entities.ftm.json"), new Chokepoint.Sources.Snapshots.ImportOptions(), null, CancellationToken.None);
        await site.Server.OkAsync(HttpMethod.Post, "/api/admin/reload", "admin");
        try
        {
            var page = await site.SignInAsync("compliance");
            await page.GotoAsync("/screen?kind=organization&name=" + Uri.EscapeDataString(Listed));
            var hit = page.Locator("article.hit").First;
            await Expect(hit).ToContainTextAsync("<script>window.__pwned=1</script>");
            Assert.Null(await page.EvaluateAsync<int?>("() => window.__pwned ?? null"));
            Assert.Equal(0, await page.Locator("article.hit img").CountAsync());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task No_page_shows_another_organisations_counterparties_alerts_or_screenings()
    {
        await using var site = await WorkplaceSite.StartAsync(browser);
        await site.Server.OkAsync(HttpMethod.Post, "/api/licensing/users", "admin",
            new { username = "rival-compliance", password = LicensingServer.Password, role = Roles.ComplianceOfficer, organisationId = site.Server.Organisations["other"] });
        await site.Server.OkAsync(HttpMethod.Post, "/api/counterparties", "compliance",
            new { counterparties = new[] { new { @ref = "SECRET-1", name = "ERIC BADEGE", kind = "person" } } });
        await site.Server.OkAsync(HttpMethod.Post, "/api/monitor", "admin");
        var alert = (await site.Server.OkAsync(HttpMethod.Get, "/api/alerts", "compliance")).EnumerateArray().First().GetProperty("id").GetInt64();
        var counterparty = (await site.Server.OkAsync(HttpMethod.Get, "/api/counterparties", "compliance")).EnumerateArray().First().GetProperty("id").GetInt64();

        var rival = await site.SignInAsync("rival-compliance");
        foreach (var path in new[] { "/inbox", "/counterparties", "/counterparties?q=SECRET", "/" })
        {
            await rival.GotoAsync(path);
            Assert.DoesNotContain("SECRET-1", await rival.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        }
        var response = await rival.GotoAsync($"/alerts/{alert}");
        Assert.Equal(404, response!.Status);
        await Expect(rival.GetByRole(AriaRole.Alert)).ToContainTextAsync("does not exist, or it is not your organisation");
        Assert.Equal(404, (await rival.GotoAsync($"/counterparties/{counterparty}"))!.Status);
    }

    [Fact]
    public async Task Counterparties_import_with_a_preview_and_a_column_mapping_then_show_their_history()
    {
        await using var site = await WorkplaceSite.StartAsync(browser);
        var file = Path.Combine(Path.GetTempPath(), $"register-{Guid.NewGuid():N}.csv");
        await File.WriteAllLinesAsync(file, ["Customer No,Customer Name,Land,Typ", "K-100,ERIC BADEGE,CD,person", "K-200,Astana Logistics Partners LLP,KZ,organisation"]);
        try
        {
            var page = await site.SignInAsync("compliance");
            await page.GotoAsync("/counterparties");
            await Expect(page.Locator("main")).ToContainTextAsync("No counterparties yet");
            await page.GetByRole(AriaRole.Link, new() { Name = "Import a file" }).ClickAsync();
            await page.GetByLabel("File").SetInputFilesAsync(file);
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload and preview" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("^.*/counterparties/import\\?upload=[^/]*$"));
            await Expect(page.Locator("table")).ToContainTextAsync("Astana Logistics Partners LLP");
            await WorkplaceSite.AssertAccessibleAsync(page);
            await page.GetByLabel("Your reference (required)").SelectOptionAsync("Customer No");
            await page.GetByLabel("Name (required)").SelectOptionAsync("Customer Name");
            await page.GetByLabel("Country").SelectOptionAsync("Land");
            await page.GetByLabel("Kind (person, organisation, vessel, aircraft)").SelectOptionAsync("Typ");
            await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("2 added, 0 changed");
            await page.GetByLabel("Reference or name contains").FillAsync("astana");
            await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
            await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
            await WorkplaceSite.AssertAccessibleAsync(page);
            await page.GetByRole(AriaRole.Link, new() { Name = "K-200" }).ClickAsync();
            await Expect(page.Locator("main")).ToContainTextAsync("Astana Logistics Partners LLP");
            await Expect(page.Locator("main")).ToContainTextAsync("Screening history");
            await WorkplaceSite.AssertAccessibleAsync(page);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task An_administrator_sees_list_history_compares_snapshots_and_activates_one()
    {
        await using var site = await WorkplaceSite.StartAsync(browser);
        await using (var store = await Chokepoint.Storage.SnapshotStores.OpenAsync(site.Server.Connection, CancellationToken.None))
            await new Chokepoint.Sources.Snapshots.SnapshotImporter(store, TimeProvider.System)
                .ImportAsync(TestData.File(TestData.Sdn2021), new Chokepoint.Sources.Snapshots.ImportOptions(), null, CancellationToken.None);
        var page = await site.SignInAsync("admin");
        await page.GotoAsync("/lists");
        await WorkplaceSite.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "us-ofac-sdn" }).ClickAsync();
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(2);
        await WorkplaceSite.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the differences" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("added");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Changed" })).ToBeVisibleAsync();
        await WorkplaceSite.AssertAccessibleAsync(page);
        await page.GoBackAsync();
        await page.Locator("input[name=reason]").First.FillAsync("roll back for a test");
        await page.Locator("form").Filter(new() { Has = page.Locator("input[name=reason]") }).First.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("now serves us-ofac-sdn");
    }

    [Fact]
    public async Task Pages_fit_a_phone_width_and_name_themselves()
    {
        await using var site = await WorkplaceSite.StartAsync(browser);
        var page = await site.SignInAsync("compliance", width: 390);
        foreach (var path in new[] { "/", "/inbox", "/screen", "/counterparties", "/lists" })
        {
            await page.GotoAsync(path);
            Assert.EndsWith("· Chokepoint", await page.TitleAsync(), StringComparison.Ordinal);
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 1, $"{path} is {overflow} px wider than a phone");
            await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Workplace" })).ToBeVisibleAsync();
        }
    }
}

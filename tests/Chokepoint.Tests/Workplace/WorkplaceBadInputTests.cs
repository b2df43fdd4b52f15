using System.Text;
using Chokepoint.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chokepoint.Tests.Workplace;

/// <summary>Garbage, truncated, wrongly encoded and oversize uploads through the workplace's pages: each gets a clear
/// message on the page it came from, and nothing is screened or imported half-way.</summary>
public sealed class WorkplaceBadInputTests(Browser browser)
{
    public static readonly TheoryData<string, string, string> BadBatches = new()
    {
        { "parties.exe", "name\nERIC BADEGE\n", "is not a .csv, .xlsx or .jsonl file" },
        { "parties.csv", "", "is empty" },
        { "parties.csv", "country,kind\nRU,person\n", "needs a 'name' column" },
        { "parties.xlsx", "PK\u0003\u0004 truncated workbook", "parties.xlsx" },
        { "parties.csv", "name\n", "has a header but no party" },
    };

    [Theory]
    [MemberData(nameof(BadBatches))]
    public async Task A_bad_batch_file_is_refused_with_the_reason_on_the_page(string file, string content, string expected)
    {
        await using var site = await WorkplaceSite.StartAsync(browser);
        var page = await site.SignInAsync("compliance");
        await UploadAsync(page, "/screen/batch", "Upload and screen", file, Encoding.UTF8.GetBytes(content));
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(expected);
        Assert.DoesNotContain("/tmp/", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal); // the server's paths stay on the server
    }

    [Fact]
    public async Task Rows_that_cannot_be_screened_are_answered_with_their_reason_beside_the_others()
    {
        await using var site = await WorkplaceSite.StartAsync(browser);
        var page = await site.SignInAsync("compliance");
        await UploadAsync(page, "/screen/batch", "Upload and screen", "parties.jsonl",
            Encoding.UTF8.GetBytes("{\"name\": \"ERIC BADEGE\"}\n[1, 2]\n{\"name\": \"BANCO NACIONAL DE CUBA\", \"kind\": \"robot\"}\n{\"name\": \"BANCO\n"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("4 parties, 1 with hits, 3 not screened");
        var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).ClickAsync());
        var text = await File.ReadAllTextAsync(await csv.PathAsync());
        Assert.Contains("not a JSON object", text, StringComparison.Ordinal);
        Assert.Contains("robot", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_oversize_and_too_many_rows_are_refused()
    {
        await using var site = await WorkplaceSite.StartAsync(browser);
        var page = await site.SignInAsync("compliance");
        await UploadAsync(page, "/screen/batch", "Upload and screen", "latin1.csv", [.. "name\nM\u00fcller GmbH\n"u8.ToArray().Take(6), 0xFC, .. "ller GmbH\n"u8.ToArray()]);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not valid utf-8");

        // Too large: the page says so before sending it; sent anyway (no script), the server refuses it unread.
        var huge = new byte[Chokepoint.Server.Workplace.Uploads.MaxBytes + 1024 * 1024];
        await UploadAsync(page, "/screen/batch", "Upload and screen", "huge.csv", huge);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("larger than 20 MB");
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var form = page.Context.APIRequest.CreateFormData();
        form.Set("__RequestVerificationToken", token!);
        form.Set("file", new FilePayload { Name = "huge.csv", MimeType = "text/csv", Buffer = huge });
        var sent = await page.Context.APIRequest.PostAsync("/workplace/batches", new() { Multipart = form, MaxRedirects = 0 });
        Assert.True(sent.Status is 302 or 400 or 413, $"{sent.Status}"); // refused, whichever step met the limit first
        if (sent.Status == 302) Assert.Contains("error=", sent.Headers["location"], StringComparison.Ordinal);

        var many = "name\n" + string.Concat(Enumerable.Range(0, Chokepoint.Server.Api.ScreeningApi.MaxBatch + 1).Select(i => $"Party {i}\n"));
        await UploadAsync(page, "/screen/batch", "Upload and screen", "many.csv", Encoding.UTF8.GetBytes(many));
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("more than 10,000 parties");
    }

    [Fact]
    public async Task A_register_with_a_bad_row_imports_nothing_and_names_the_line()
    {
        await using var site = await WorkplaceSite.StartAsync(browser);
        var page = await site.SignInAsync("compliance");
        await UploadAsync(page, "/counterparties/import", "Upload and preview", "register.csv",
            Encoding.UTF8.GetBytes("ref,name,kind\nK-1,ERIC BADEGE,person\n,No Reference Trading,organization\nK-3,Robot,robot\n"));
        await Expect(page.Locator("table")).ToContainTextAsync("No Reference Trading");
        await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
        var problem = page.GetByRole(AriaRole.Alert);
        await Expect(problem).ToContainTextAsync("line 3: no ref");
        await Expect(problem).ToContainTextAsync("line 4");
        await Expect(problem).ToContainTextAsync("nothing imported");
        Assert.DoesNotContain("/tmp/", await problem.InnerTextAsync(), StringComparison.Ordinal);
        await page.GotoAsync("/counterparties");
        await Expect(page.Locator("main")).ToContainTextAsync("No counterparties yet");

        await UploadAsync(page, "/counterparties/import", "Upload and preview", "register.xlsx", "PK\u0003\u0004 not really"u8.ToArray());
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("register.xlsx");
        await Expect(page.GetByLabel("File")).ToBeVisibleAsync(); // an unreadable file is not offered for mapping
        Assert.Equal(404, (await page.GotoAsync("/counterparties/import?upload=not-an-upload"))!.Status);
    }

    private static async Task UploadAsync(IPage page, string path, string button, string name, byte[] content)
    {
        await page.GotoAsync(path);
        await page.GetByLabel("File").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "application/octet-stream", Buffer = content });
        await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
    }
}

using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Cli;

/// <summary>The monitoring loop on the command line, and what it does with bad counterparty files.</summary>
public sealed class MonitoringCliTests
{
    [Fact]
    public async Task Counterparties_are_imported_monitored_decided_under_four_eyes_and_replayed()
    {
        using var scratch = new Scratch();
        var db = scratch.Path("cli.db");
        Assert.Equal(0, (await ChokepointCli.RunAsync("lists", "import", TestData.File(TestData.Un), "--db", db)).Code);
        Assert.Equal(0, (await ChokepointCli.RunAsync("users", "add-organisation", "Almaty Machine Tools LLP", "--country", "KZ", "--kind", "exporter", "--db", db)).Code);
        Assert.Equal(0, (await ChokepointCli.RunWithInputAsync(LicensingServer.Password + "\n", "users", "add", "rev", "--role", "compliance-officer", "--organisation", "1", "--db", db)).Code);
        Assert.Equal(0, (await ChokepointCli.RunWithInputAsync(LicensingServer.Password + "\n", "users", "add", "boss", "--role", "administrator", "--organisation", "1", "--db", db)).Code);
        // Accounts are named as the API names them (camelCase), on one line or indented with --json.
        foreach (var form in new[] { Array.Empty<string>(), ["--json"] })
        {
            var users = await ChokepointCli.RunAsync(["users", "list", "--db", db, .. form]);
            Assert.Equal(0, users.Code);
            using var parsed = System.Text.Json.JsonDocument.Parse(users.Out);
            Assert.Contains(parsed.RootElement.EnumerateArray(), u => u.GetProperty("username").GetString() == "rev");
        }

        var file = scratch.Write("parties.csv", "ref,name,kind,country,address\nC-4,ERIC BADEGE,person,CD,Goma\nC-9,Astana Logistics Partners LLP,organization,KZ,Astana\n");
        var import = await ChokepointCli.RunAsync("counterparties", "import", file, "--source", "erp", "--as", "rev", "--db", db);
        Assert.Equal(0, import.Code);
        Assert.Contains("2 added, 0 changed, 0 unchanged", import.Out);
        var monitor = await ChokepointCli.RunAsync("monitor", "--db", db);
        Assert.Equal(0, monitor.Code);
        Assert.Contains("alerts opened", monitor.Out);
        var list = await ChokepointCli.RunAsync("alerts", "list", "--state", "open", "--as", "rev", "--db", db);
        var row = list.Out.Split('\n').First(l => l.Contains("C-4", StringComparison.Ordinal));
        Assert.Matches(@"^ *\d+ +Open +C-4 +ERIC BADEGE ", row);
        var id = row.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];

        Assert.Equal(1, (await ChokepointCli.RunAsync("alerts", "decide", id, "--reason", "x", "--as", "rev", "--db", db)).Code); // no decision given
        var decided = await ChokepointCli.RunAsync("alerts", "decide", id, "--false-positive", "--reason", "born 1990, not 1971", "--as", "rev", "--db", db);
        Assert.Equal(0, decided.Code);
        Assert.Contains("AwaitingApproval", decided.Out);
        var own = await ChokepointCli.RunAsync("alerts", "approve", id, "--as", "rev", "--db", db);
        Assert.Equal(1, own.Code);
        Assert.Contains("nobody approves their own decision", own.Err);
        Assert.Equal(0, (await ChokepointCli.RunAsync("alerts", "approve", id, "--as", "boss", "--db", db)).Code);
        var shown = System.Text.Json.JsonDocument.Parse((await ChokepointCli.RunAsync("alerts", "show", id, "--as", "rev", "--db", db, "--json")).Out).RootElement;
        Assert.Equal("Closed", shown.GetProperty("state").GetString());
        Assert.Equal("boss", shown.GetProperty("approvedBy").GetString());
        var screening = shown.GetProperty("screening").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var replay = await ChokepointCli.RunAsync("screenings", "replay", screening, "--as", "rev", "--db", db);
        Assert.Equal(0, replay.Code);
        Assert.Equal(1, (await ChokepointCli.RunAsync("screenings", "replay", screening, "--db", db)).Code); // another organisation's screening
        Assert.Contains("identical", replay.Out);
        Assert.Contains("v1", (await ChokepointCli.RunAsync("counterparties", "show", "C-4", "--as", "rev", "--db", db)).Out);
        Assert.Equal(1, (await ChokepointCli.RunAsync("counterparties", "show", "C-4", "--db", db)).Code); // the operator's own register has no C-4

        var screen = await ChokepointCli.RunAsync("screen", "--name", "ERIC BADEGE", "--db", db, "--json");
        var recorded = System.Text.Json.JsonDocument.Parse(screen.Out).RootElement.GetProperty("screeningId").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(0, (await ChokepointCli.RunAsync("screenings", "replay", recorded, "--db", db)).Code);
        Assert.Equal(0, (await ChokepointCli.RunAsync("audit", "verify", "--db", db)).Code);
    }

    [Fact]
    public async Task A_list_import_monitors_the_register_by_itself()
    {
        using var scratch = new Scratch();
        var db = scratch.Path("cli.db");
        Assert.Equal(0, (await ChokepointCli.RunAsync("lists", "import", TestData.File(TestData.Un), "--db", db)).Code);
        var file = scratch.Write("parties.jsonl", "{\"ref\": \"C-1\", \"name\": \"BANCO NACIONAL DE CUBA\", \"kind\": \"organization\"}\n");
        Assert.Equal(0, (await ChokepointCli.RunAsync("counterparties", "import", file, "--db", db)).Code);
        var import = await ChokepointCli.RunAsync("lists", "import", TestData.File(TestData.Sdn2021), "--db", db);
        Assert.Equal(0, import.Code);
        Assert.Contains("monitoring: snapshots", import.Err);
        Assert.Contains("BANCO NACIONAL DE CUBA", (await ChokepointCli.RunAsync("alerts", "list", "--db", db)).Out);
        Assert.Contains("nothing to monitor", (await ChokepointCli.RunAsync("monitor", "--db", db)).Out);
    }

    [Fact]
    public async Task Counterparties_are_read_from_a_workbook_too()
    {
        using var scratch = new Scratch();
        var db = scratch.Path("cli.db");
        Assert.Equal(0, (await ChokepointCli.RunAsync("lists", "import", TestData.File(TestData.Un), "--db", db)).Code);
        var book = scratch.Path("parties.xlsx");
        WriteWorkbook(book, [["ref", "name", "country"], ["C-1", "ERIC BADEGE", "CD"], ["", "", ""], ["C-2", "Astana Logistics Partners LLP", "KZ"]]);
        var import = await ChokepointCli.RunAsync("counterparties", "import", book, "--db", db);
        Assert.Equal(0, import.Code);
        Assert.Contains("2 added", import.Out);
        var list = await ChokepointCli.RunAsync("counterparties", "list", "--db", db);
        Assert.Matches(@"(?m)^C-2 +Astana Logistics Partners LLP +KZ +v1$", list.Out);
        var broken = scratch.Write("broken.xlsx", "PK\u0003\u0004 not really a workbook");
        var refused = await ChokepointCli.RunAsync("counterparties", "import", broken, "--db", db);
        Assert.Equal(1, refused.Code);
        Assert.Contains("xlsx", refused.Err);
    }

    /// <summary>A minimal workbook: one sheet of inline strings.</summary>
    private static void WriteWorkbook(string path, string[][] rows)
    {
        using var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Create(path, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook);
        var workbook = doc.AddWorkbookPart();
        workbook.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook();
        var sheetPart = workbook.AddNewPart<DocumentFormat.OpenXml.Packaging.WorksheetPart>();
        var data = new DocumentFormat.OpenXml.Spreadsheet.SheetData();
        for (var r = 0; r < rows.Length; r++)
        {
            var row = new DocumentFormat.OpenXml.Spreadsheet.Row { RowIndex = (uint)(r + 1) };
            for (var c = 0; c < rows[r].Length; c++)
                row.Append(new DocumentFormat.OpenXml.Spreadsheet.Cell
                {
                    CellReference = $"{(char)('A' + c)}{r + 1}",
                    DataType = DocumentFormat.OpenXml.Spreadsheet.CellValues.InlineString,
                    InlineString = new DocumentFormat.OpenXml.Spreadsheet.InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(rows[r][c])),
                });
            data.Append(row);
        }
        sheetPart.Worksheet = new DocumentFormat.OpenXml.Spreadsheet.Worksheet(data);
        workbook.Workbook.AppendChild(new DocumentFormat.OpenXml.Spreadsheet.Sheets(new DocumentFormat.OpenXml.Spreadsheet.Sheet
        {
            Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Counterparties",
        }));
    }

    [Theory]
    [InlineData("ref,name\nA-1,Acme\n,No Ref Ltd\nA-3,\nA-1,Twice\n", "3 bad rows, nothing imported: line 3: no ref (the counterparty's own reference is required); line 4: no name and no id; line 5: ref 'A-1' is also on line 2")]
    [InlineData("name,country\nAcme,DE\n", "no ref")]
    [InlineData("ref,name\n\"A-1,Acme\n", "quote")]
    [InlineData("", "no counterparty")]
    public async Task A_bad_counterparty_file_is_refused_whole_with_its_lines(string text, string expected)
    {
        using var scratch = new Scratch();
        var db = scratch.Path("cli.db");
        Assert.Equal(0, (await ChokepointCli.RunAsync("lists", "import", TestData.File(TestData.Un), "--db", db)).Code);
        var file = scratch.Write("parties.csv", text);
        var import = await ChokepointCli.RunAsync("counterparties", "import", file, "--db", db);
        Assert.Equal(1, import.Code);
        Assert.Contains(expected, import.Err, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["ref  name  country  version"], (await ChokepointCli.RunAsync("counterparties", "list", "--db", db)).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)); // nothing half-imported
    }

    [Fact]
    public async Task A_counterparty_file_in_the_wrong_encoding_or_of_an_unknown_type_is_refused()
    {
        using var scratch = new Scratch();
        var db = scratch.Path("cli.db");
        Assert.Equal(0, (await ChokepointCli.RunAsync("lists", "import", TestData.File(TestData.Un), "--db", db)).Code);
        var latin1 = scratch.Path("parties.csv");
        File.WriteAllBytes(latin1, [.. "ref,name\nA-1,M"u8.ToArray(), 0xFC, .. "ller GmbH\n"u8.ToArray()]);
        var wrong = await ChokepointCli.RunAsync("counterparties", "import", latin1, "--db", db);
        Assert.Equal(1, wrong.Code);
        Assert.Contains("UTF-8", wrong.Err, StringComparison.OrdinalIgnoreCase);
        var pdf = scratch.Write("parties.pdf", "%PDF-1.4");
        Assert.Equal(1, (await ChokepointCli.RunAsync("counterparties", "import", pdf, "--db", db)).Code);
        Assert.Equal(1, (await ChokepointCli.RunAsync("counterparties", "import", scratch.Path("missing.csv"), "--db", db)).Code);
        Assert.Equal(1, (await ChokepointCli.RunAsync("alerts", "list", "--state", "pending", "--db", db)).Code);
        var nobody = await ChokepointCli.RunAsync("alerts", "list", "--as", "nobody", "--db", db);
        Assert.Equal(1, nobody.Code);
        Assert.Contains("No user nobody", nobody.Err);
        Assert.Equal(1, (await ChokepointCli.RunAsync("screenings", "replay", "999", "--db", db)).Code);
        Assert.Equal(1, (await ChokepointCli.RunAsync("alerts", "show", "1", "--db", scratch.Path("missing.db"))).Code);
        Assert.False(File.Exists(scratch.Path("missing.db")));
    }

    [Fact]
    public async Task Screening_as_of_a_day_names_the_lists_of_that_day_and_refuses_a_day_before_any()
    {
        using var scratch = new Scratch();
        var db = scratch.Path("cli.db");
        Assert.Equal(0, (await ChokepointCli.RunAsync("lists", "import", TestData.File(TestData.Un), "--db", db)).Code);
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var now = await ChokepointCli.RunAsync("screen", "--name", "ERIC BADEGE", "--as-of", today, "--db", db);
        Assert.Equal(0, now.Code);
        Assert.Contains("un-sc snapshot 1", now.Err);
        Assert.Contains("ERIC BADEGE", now.Out);
        var before = await ChokepointCli.RunAsync("screen", "--name", "ERIC BADEGE", "--as-of", "1999-01-01", "--db", db);
        Assert.Equal(1, before.Code);
        Assert.Contains("No list had been imported by the end of 1999-01-01", before.Err);
        Assert.Equal(1, (await ChokepointCli.RunAsync("screen", "--name", "ERIC BADEGE", "--as-of", "01/01/2024", "--db", db)).Code);
    }
}

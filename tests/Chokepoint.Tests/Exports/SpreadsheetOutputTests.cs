using System.Text;
using Chokepoint.Tests.Support;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Chokepoint.Tests.Exports;

/// <summary>Batch output that behaves in Excel: a typed, styled, frozen and filtered workbook; a CSV with the byte-order
/// mark Excel needs; input files with their own headers read through <c>--map</c>.</summary>
public sealed class SpreadsheetOutputTests
{
    [Fact]
    public async Task The_hits_workbook_has_typed_cells_a_styled_frozen_filtered_header_and_defused_formulas()
    {
        using var scratch = new Scratch();
        var db = await ListDatabase.CreateAsync(scratch);
        var input = scratch.Write("parties.csv",
            "name,kind,country,dob,id\nParchin Chemical Industries,organization,IR,,\n=HYPERLINK(\"http://evil\"),person,,1961-05-17,\nSomeone,robot,,,\nNobody Atall,person,,1970,\n");
        var output = scratch.Path("hits.xlsx");
        Assert.Equal(0, (await ChokepointCli.RunAsync("screen", "--input", input, "--output", output, "--db", db)).Code);

        using var book = new ExportedWorkbook(output);
        book.AssertValid();
        var header = book.Rows[0].Elements<Cell>().Select(ExportedWorkbook.Text).ToList();
        Assert.Equal(["line", "name", "kind", "country", "dob", "id", "rank"], header.Take(7));
        // The header: bold on a fill with a border, frozen above the rows, with a filter over the whole table.
        var first = book.Cell("A1")!;
        var format = book.Format(first);
        Assert.True(((Font)book.Styles.Fonts!.ElementAt((int)format.FontId!.Value)).Bold is not null);
        Assert.Equal(PatternValues.Solid, ((Fill)book.Styles.Fills!.ElementAt((int)format.FillId!.Value)).PatternFill!.PatternType!.Value);
        var pane = book.Sheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(1, pane.VerticalSplit!.Value);
        Assert.Equal($"A1:Q{book.Rows.Count}", book.Sheet.Elements<AutoFilter>().Single().Reference!.Value);
        var widths = book.Sheet.Descendants<Column>().ToList();
        Assert.Equal(17, widths.Count);
        Assert.All(widths, w => Assert.InRange(w.Width!.Value, 6, 60));
        Assert.True(widths[15].Width!.Value > widths[0].Width!.Value, "the explanation column is wider than the line number's");

        // Numbers are numbers, a full date is a date, a year alone stays text as written.
        var line = book.Cell("A2")!;
        Assert.Null(line.DataType);
        Assert.Equal("2", line.CellValue!.Text);
        var score = book.Cell("O2")!;
        Assert.Null(score.DataType);
        Assert.InRange(double.Parse(score.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture), 0.8, 1.0);
        Assert.Equal("0.0000", book.NumberFormat(score));
        var formulaRow = book.Rows.First(r => r.Elements<Cell>().Any(c => ExportedWorkbook.Text(c).StartsWith("=HYPERLINK", StringComparison.Ordinal)));
        var dob = formulaRow.Elements<Cell>().Single(c => c.CellReference!.Value!.StartsWith('E'));
        Assert.Null(dob.DataType);
        Assert.Equal(new DateTime(1961, 5, 17), DateTime.FromOADate(double.Parse(dob.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("yyyy-mm-dd", book.NumberFormat(dob));
        var year = book.Rows.First(r => r.Elements<Cell>().Any(c => ExportedWorkbook.Text(c) == "Nobody Atall")).Elements<Cell>().Single(c => c.CellReference!.Value!.StartsWith('E'));
        Assert.Equal(CellValues.InlineString, year.DataType!.Value);
        Assert.Equal("1970", ExportedWorkbook.Text(year));

        // The formula-like name shows as written, without an apostrophe, and is marked as text.
        Assert.Contains(formulaRow.Elements<Cell>(), c => ExportedWorkbook.Text(c) == "=HYPERLINK(\"http://evil\")");
        book.AssertFormulasDefused();

        // A row that could not be screened shows what was read of it and why, not its raw line.
        var refused = book.Rows.First(r => r.Elements<Cell>().Any(c => ExportedWorkbook.Text(c) == "Someone"));
        var cells = refused.Elements<Cell>().Select(ExportedWorkbook.Text).ToList();
        Assert.Equal(["4", "Someone", "robot"], cells.Take(3));
        Assert.Contains("unknown kind 'robot'", cells[^1]);
        Assert.DoesNotContain(cells, c => c.Contains(",,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Excel_csv_starts_with_a_byte_order_mark_and_plain_csv_does_not()
    {
        using var scratch = new Scratch();
        var db = await ListDatabase.CreateAsync(scratch);
        var input = scratch.Write("parties.csv", "name,country\nПутин Владимир,RU\n");
        var excel = scratch.Path("excel.csv");
        Assert.Equal(0, (await ChokepointCli.RunAsync("screen", "--input", input, "--output", excel, "--excel", "--db", db)).Code);
        var bytes = File.ReadAllBytes(excel);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Contains("Путин Владимир", Encoding.UTF8.GetString(bytes[3..]));

        var plain = scratch.Path("plain.csv");
        Assert.Equal(0, (await ChokepointCli.RunAsync("screen", "--input", input, "--output", plain, "--db", db)).Code);
        Assert.Equal((byte)'l', File.ReadAllBytes(plain)[0]);

        var single = await ChokepointCli.RunAsync("screen", "--name", "X", "--excel", "--db", db);
        Assert.Equal(1, single.Code);
        Assert.Contains("for a file of parties", single.Err);
    }

    [Fact]
    public async Task A_file_with_its_own_headers_is_read_through_a_mapping_and_a_bad_mapping_is_refused()
    {
        using var scratch = new Scratch();
        var db = await ListDatabase.CreateAsync(scratch);
        // A German ERP export, saved by Excel with semicolons.
        var input = scratch.Write("kunden.csv", "Firmenname;Land;name\nParchin Chemical Industries;IR;not the name column\n");
        var output = scratch.Path("hits.csv");
        var run = await ChokepointCli.RunAsync("screen", "--input", input, "--output", output, "--map", "Firmenname=name, Land=country", "--db", db);
        Assert.Equal(0, run.Code);
        var hit = File.ReadAllLines(output).Single(l => l.Contains("110354", StringComparison.Ordinal));
        Assert.StartsWith("2,Parchin Chemical Industries,,IR,", hit, StringComparison.Ordinal); // the file's own "name" column is mapped away

        foreach (var (map, message) in new[]
        {
            ("Firmenname=nome", "'nome' is not one of our columns"),
            ("Firmenname", "is not FILE COLUMN=OUR COLUMN"),
            ("Firmenname=name,Land=name", "'name' is mapped twice"),
            ("Company=name", "names a column 'company' (for name) that the file does not have"),
        })
        {
            var bad = await ChokepointCli.RunAsync("screen", "--input", input, "--output", scratch.Path("bad.csv"), "--map", map, "--db", db);
            Assert.Equal(1, bad.Code);
            Assert.Contains(message, bad.Err);
            Assert.False(File.Exists(scratch.Path("bad.csv")));
        }

        var register = scratch.Write("register.csv", "Kundennummer,Firmenname\nK-1,Parchin Chemical Industries\n");
        var import = await ChokepointCli.RunAsync("counterparties", "import", register, "--map", "Kundennummer=ref,Firmenname=name", "--db", db);
        Assert.Equal(0, import.Code);
        Assert.Contains("1 added", import.Out);
        var refused = await ChokepointCli.RunAsync("counterparties", "import", register, "--map", "Kundennummer=customer", "--db", db);
        Assert.Equal(1, refused.Code);
        Assert.Contains("ref, name, kind, country, dob, id, address", refused.Err);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(450)] // past the rows held back to size the columns
    public void A_table_export_is_valid_whatever_its_length_and_types_its_timestamps(int rows)
    {
        using var scratch = new Scratch();
        var path = scratch.Path("alerts.xlsx");
        using (var file = File.Create(path))
            Chokepoint.Application.Exports.TableExport.Write("xlsx", file, Chokepoint.Application.Monitoring.AlertInbox.ExportColumns,
                Enumerable.Range(1, rows).Select(i => new string?[] { $"{i}", $"C-{i}", "@SUM(A1)", null, "us-ofac-sdn", "1", "0.9100", "Open", null, null, null, null, null, "why",
                    "2026-12-01T10:15:00.000Z", "not a time" }), "alerts");
        using var book = new ExportedWorkbook(path);
        book.AssertValid();
        book.AssertFormulasDefused();
        Assert.Equal(rows + 1, book.Rows.Count);
        Assert.Equal($"A1:P{rows + 1}", book.Sheet.Elements<AutoFilter>().Single().Reference!.Value);
        if (rows == 0) return;
        var opened = book.Cell("O451")!;
        Assert.Equal("yyyy-mm-dd hh:mm:ss", book.NumberFormat(opened));
        Assert.Equal(new DateTime(2026, 12, 1, 10, 15, 0), DateTime.FromOADate(double.Parse(opened.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("not a time", ExportedWorkbook.Text(book.Cell("P451")!)); // what does not read as a time stays as written
        Assert.Null(book.Cell("D451")); // an empty cell is blank, not an empty string
    }
}

using Chokepoint.Application.Screening;
using Chokepoint.Cli;
using Chokepoint.Core.Listings;
using Chokepoint.Matching.Screening;
using Chokepoint.Sources.Snapshots;
using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Cli;

/// <summary>Text output as a person reads it in a terminal: tables that fit (or all of it with --wide), scores in
/// words, progress that redraws on a terminal and stays quiet in a log.</summary>
public sealed class TerminalOutputTests
{
    private static readonly TextColumn[] Columns = [new("id", Right: true), new("name"), new("hash", WideOnly: true), new("source")];

    private static readonly IReadOnlyList<string>[] Rows =
    [
        ["1", "STATE CORPORATION FOR THE PROMOTION OF THE DEVELOPMENT, MANUFACTURE AND EXPORT OF HIGH TECHNOLOGY PRODUCTS \"ROSTEC\"", "6e78dc27dd58", "/work/shared/data/ofac_sdn/2021-07-07/sdn.csv"],
        ["22", "高市早苗", "1dab1b7d32f7", "/work/shared/data/un_consolidated/2026-02-27/consolidated.xml"],
    ];

    [Fact]
    public void A_table_fits_the_width_by_wrapping_and_loses_no_word()
    {
        var lines = TextTable.Lines(Columns, Rows, 60).ToList();
        Assert.All(lines, l => Assert.True(TextTable.Cells(l) <= 60, $"{TextTable.Cells(l)} cells: {l}"));
        Assert.DoesNotContain(lines, l => l.Contains("hash", StringComparison.Ordinal) || l.Contains("6e78dc27dd58", StringComparison.Ordinal));
        var words = lines.SelectMany(l => l.Split([' ', '/'], StringSplitOptions.RemoveEmptyEntries)).ToHashSet();
        foreach (var word in Rows.SelectMany(r => new[] { r[1], r[3] }).SelectMany(c => c.Split([' ', '/'], StringSplitOptions.RemoveEmptyEntries)))
            Assert.Contains(word, words);
        Assert.Contains(lines, l => l.TrimEnd().EndsWith("/work/shared/data/ofac_sdn/", StringComparison.Ordinal)); // broken after a path's separator
    }

    [Fact]
    public void Wide_shows_every_column_on_one_line_per_row()
    {
        var lines = TextTable.Lines(Columns, Rows, null).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Contains("hash", lines[0], StringComparison.Ordinal);
        Assert.Contains("6e78dc27dd58", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Han_names_take_two_cells_a_character_and_stay_aligned()
    {
        Assert.Equal(8, TextTable.Cells("高市早苗"));
        Assert.Equal(4, TextTable.Cells("Jose\u0301")); // a combining accent takes no cell
        var lines = TextTable.Lines([new("name"), new("list")], [["高市早苗", "un-sc"], ["TAKAICHI Sanae", "gb-ofsi"]], null).ToList();
        static int Before(string line, string word) => TextTable.Cells(line[..line.IndexOf(word, StringComparison.Ordinal)]);
        Assert.Equal(Before(lines[0], "list"), Before(lines[1], "un-sc"));
        Assert.Equal(Before(lines[0], "list"), Before(lines[2], "gb-ofsi"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Wrapping_never_drops_or_reorders_text(int seed)
    {
        var random = new Random(seed);
        const string Letters = "abcdefgh 高/-_,é";
        for (var n = 0; n < 300; n++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 90)).Select(_ => Letters[random.Next(Letters.Length)])]).Trim();
            var width = random.Next(2, 30);
            var lines = TextTable.Wrap(text, width);
            Assert.All(lines, l => Assert.True(TextTable.Cells(l) <= width, $"'{l}' wider than {width}"));
            Assert.Equal(text.Replace(" ", "", StringComparison.Ordinal), string.Concat(lines).Replace(" ", "", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_score_is_said_in_words_with_what_moved_it()
    {
        var hit = new ScreenHit("12110", "un-sc", "UN", 9, null, EntityKind.Person, "DOKU KHAMATOVICH UMAROV", "UMAROV, Doku", NameType.Alias, 0.88,
            "name 0.84: ...", [new Feature("name", 0.84, "'Doku Umarov' ~ 'UMAROV, Doku' (name order differs)"), new Feature("birthDate", 0.04, "DOB 1964 agrees with 1964-04-13")], []);
        Assert.Equal("Close match (0.88): the name scores 0.84 against the entry's alias 'UMAROV, Doku', name order differs; DOB 1964 agrees with 1964-04-13 (+0.04).", HitWords.Of(hit));
        var conflicting = hit with { Score = 0.80, Features = [new Feature("name", 0.90, "'A' ~ 'B'"), new Feature("country", -0.10, "country RU differs from KZ")], Explanation = "x; " + ScreenHit.BirthDateNotGiven };
        Assert.Equal("Partial match (0.80): the name scores 0.90 against the entry's alias 'UMAROV, Doku'; country RU differs from KZ (−0.10); the entry has a date of birth, and one given would confirm or rule it out.",
            HitWords.Of(conflicting));
        Assert.Equal(["exact", "very close", "close", "partial"], new[] { 1.0, 0.95, 0.86, 0.80 }.Select(HitWords.Band));
    }

    [Fact]
    public void Progress_draws_a_bar_on_a_terminal_and_writes_plain_lines_in_a_log()
    {
        var terminal = new StringWriter();
        using (var bar = new ConsoleProgress(terminal, terminal: true))
        {
            bar.Report(new ScreeningProgress("screening parties", 0, 1000));
            bar.Report(new ScreeningProgress("screening parties", 1000, 1000));
        }
        var drawn = terminal.ToString();
        Assert.Contains("\r  screening parties [........................] 0% 0/1,000", drawn, StringComparison.Ordinal);
        Assert.Contains("[########################] 100% 1,000/1,000", drawn, StringComparison.Ordinal);
        Assert.EndsWith("\r", drawn, StringComparison.Ordinal); // cleared at the end, for the summary line
        Assert.DoesNotContain("\n", drawn, StringComparison.Ordinal);

        var log = new StringWriter();
        var plain = new ConsoleProgress(log, terminal: false);
        plain.Report(new ScreeningProgress("screening counterparties", 0, 2000));
        plain.Report(new ScreeningProgress("screening counterparties", 1, 2000)); // too soon after the last line: not written
        plain.Report(new ScreeningProgress("screening counterparties", 2000, 2000)); // the end always is
        plain.Report(new ImportProgress("/lists/sdn.csv", 10));
        plain.Dispose();
        Assert.Equal(["  screening counterparties: 0 of 2,000 (0%)", "  screening counterparties: 2,000 of 2,000 (100%)"],
            log.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.RegularExpressions.Regex.Replace(l, ", [0-9,]+/s$", "")));
        Assert.DoesNotContain("\r", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_fit_100_columns_unless_wide_and_check_shows_the_screening_and_versions()
    {
        using var scratch = new Scratch();
        var db = await ListDatabase.CreateAsync(scratch);
        var status = await ChokepointCli.RunAsync("lists", "status", "--db", db);
        Assert.Equal(0, status.Code);
        Assert.All(status.Out.Split('\n'), l => Assert.True(TextTable.Cells(l.TrimEnd('\r')) <= 100, l));
        Assert.DoesNotContain("sha256", status.Out, StringComparison.Ordinal);
        var wide = await ChokepointCli.RunAsync("lists", "status", "--wide", "--db", db);
        Assert.Contains("sha256", wide.Out, StringComparison.Ordinal);
        Assert.Contains(wide.Out.Split('\n'), l => l.Length > 100);

        var check = await ChokepointCli.RunAsync("check", Path.Combine(DecisionFixture.ExamplesFolder, "shipments", "S11.json"), "--db", db, "--data", TestData.Folder);
        Assert.Equal(0, check.Code);
        Assert.All(check.Out.Split('\n'), l => Assert.True(TextTable.Cells(l.TrimEnd('\r')) <= 100, l));
        Assert.Matches(@"(?m)^ +party +roles +screening +hit", check.Out);
        Assert.Matches(@"(?m)^ +Steppe Machinery TOO +consignee, endUser +\d+ +no hit", check.Out);
        Assert.Matches(@"versions: rule data rules-[0-9a-f]+; \d+ list snapshot\(s\): ", check.Out);
        Assert.Contains("us-ofac-sdn snapshot", check.Out, StringComparison.Ordinal);
    }
}

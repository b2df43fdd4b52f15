using System.Reflection;
using Chokepoint.Matching.Screening;
using Chokepoint.Sources.Snapshots;
using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Trust;

/// <summary>Every dataset a rule or a collection names exists, and a snapshot filed under an unknown one is refused:
/// a misspelt id would otherwise lose the legal consequence its list carries.</summary>
public sealed class ListCatalogTests
{
    private static IEnumerable<string[]> Rows(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource) ?? throw new InvalidOperationException($"{resource} is missing");
        using var reader = new StreamReader(stream);
        var header = true;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (header) { header = false; continue; }
            yield return line.Split('\t');
        }
    }

    [Fact]
    public void Every_list_the_rule_data_and_the_collections_name_is_in_the_catalog()
    {
        var rules = typeof(Chokepoint.Rules.RuleData.RuleBook).Assembly;
        var consequences = Rows(rules, "rules/list-consequences.tsv").Select(r => r[0].Split(':')[0]).Distinct().ToList();
        Assert.NotEmpty(consequences);
        Assert.All(consequences, d => Assert.True(ListCatalog.IsKnown(d), $"list-consequences.tsv names '{d}', which no reader or declaration has"));
        Assert.All(ListCollections.All.SelectMany(c => c.Value), d => Assert.True(ListCatalog.IsKnown(d), $"collections.tsv names '{d}'"));
        Assert.Contains("eu-833-annex-iv", ListCatalog.Known);
    }

    [Fact]
    public async Task A_snapshot_filed_under_an_unknown_dataset_is_refused_naming_the_known_ones()
    {
        await using var t = await TestStore.CreateAsync(Stores.Sqlite);
        var e = await Assert.ThrowsAsync<ArgumentException>(() => t.ImportAsync(TestData.Mofcom, new ImportOptions { Dataset = "eu-833-annex-4" }));
        Assert.Contains("unknown dataset 'eu-833-annex-4'", e.Message);
        Assert.Contains("eu-833-annex-iv", e.Message);
        Assert.Empty(await t.Store.ListAsync(false, CancellationToken.None));
        Assert.True((await t.ImportAsync(TestData.Mofcom, new ImportOptions { Dataset = "eu-833-annex-iv" })).Snapshot.Active);
        Assert.True((await t.ImportAsync(TestData.Mofcom, new ImportOptions { Dataset = "custom-our-blocklist" })).Snapshot.Active);
        Assert.Throws<ArgumentException>(() => ListCatalog.Require("custom-"));
        Assert.Throws<ArgumentException>(() => ListCatalog.Require("custom-Bad Name"));

        using var scratch = new Scratch();
        var cli = await ChokepointCli.RunAsync("lists", "import", TestData.File(TestData.Mofcom), "--dataset", "un_sc", "--db", scratch.Path("l.db"));
        Assert.Equal(1, cli.Code);
        Assert.Contains("unknown dataset 'un_sc'", cli.Err);
    }
}

/// <summary>Every country group and red-flag term kind the rules ask for is defined in the rule data, and one that is
/// not is an error rather than "not in the group".</summary>
public sealed partial class RuleDataNamesTests
{
    [Fact]
    public void Every_group_and_term_kind_the_rules_name_is_defined()
    {
        var rules = Chokepoint.Rules.RuleData.RuleBook.Default;
        var src = Path.Combine(Chokepoint.Tests.Support.RepoPaths.Src, "Chokepoint.Rules");
        var named = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .SelectMany(f => Named().Matches(File.ReadAllText(f)).Select(m => (Kind: m.Groups[1].Value, Name: m.Groups[2].Value, File: Path.GetFileName(f))))
            .ToList();
        Assert.Contains(named, n => n.Kind == "InGroup");
        Assert.Contains(named, n => n.Kind == "Terms");
        foreach (var (kind, name, file) in named)
            Assert.True(kind == "InGroup" ? rules.Groups.Contains(name) : rules.TermKinds.Contains(name), $"{file} asks for {kind}(\"{name}\"), which the rule data does not define");
        var e = Assert.Throws<InvalidOperationException>(() => rules.InGroup("EU_MEMBERS", "DE", new DateOnly(2025, 1, 1)));
        Assert.Contains("EU_MEMBER", e.Message);
        Assert.Throws<InvalidOperationException>(() => rules.Terms("military-users", new DateOnly(2025, 1, 1)));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(InGroup|Terms)\(""([^""]+)""")]
    private static partial System.Text.RegularExpressions.Regex Named();
}

using Chokepoint.Core.Values;
using System.Security.Cryptography;
using System.Text;
using Chokepoint.Rules.Decisions;

namespace Chokepoint.Rules.RuleData;

/// <summary>A row of a dated table keyed by id (a rule, an obligation): one per instrument that imposed it.</summary>
public interface IDatedDefinition
{
    string Id { get; }
    string Jurisdiction { get; }
    DateRange Validity { get; }
}

/// <summary>A rule the engine may fire, as a row of rules.tsv defines it.</summary>
public sealed record RuleDefinition(string Id, string Jurisdiction, Decision Effect, DateRange Validity, string LegalBasis, string Source) : IDatedDefinition;

/// <summary>An obligation the engine may attach, as a row of obligations.tsv defines it.</summary>
public sealed record ObligationDefinition(string Id, string Jurisdiction, DateRange Validity, string Text, string Source) : IDatedDefinition;

/// <summary>
/// All the dated rule data a decision reads, loaded once from the tables in Data/. Immutable; every lookup takes the
/// evaluation date, so a rule or a country-group membership outside its dates is simply not there.
/// <see cref="Version"/> names the exact table contents, so every decision says which rule data decided it.
/// </summary>
public sealed class RuleBook
{
    // A rule or an obligation may have several rows, one per instrument that imposed it, each with its own dates and basis.
    private readonly DatedDefinitions<RuleDefinition> _rules;
    private readonly DatedDefinitions<ObligationDefinition> _obligations;
    private readonly RuleTable _consequences, _cnAnnouncements, _cnUsRestricted, _supp4;
    // Lookups a decision makes dozens of times, keyed once here; the dates are still checked on every lookup.
    private readonly ILookup<(string Group, string Country), RuleRow> _groups;
    private readonly ILookup<string, RuleRow> _chpl, _callingCodes, _terms;

    private RuleBook(IReadOnlyList<RuleTable> tables)
    {
        RuleTable T(string name) => tables.First(t => t.Name == name);
        _rules = new("rules.tsv", T("rules.tsv").Rows.Select(r =>
            new RuleDefinition(r["rule"], r["jurisdiction"], Decisions.Decisions.Parse(r["effect"]), r.Validity, r["legal_basis"], r.Source)));
        _obligations = new("obligations.tsv", T("obligations.tsv").Rows.Select(r =>
            new ObligationDefinition(r["obligation"], r["jurisdiction"], r.Validity, r["text"], r.Source)));
        _consequences = T("list-consequences.tsv");
        (_cnAnnouncements, _cnUsRestricted, _supp4) = (T("cn-announcements.tsv"), T("cn-us-restricted-items.tsv"), T("us-746-supp4.tsv"));
        _groups = T("country-groups.tsv").Rows.ToLookup(r => (r["group"], r["country"]));
        Groups = T("country-groups.tsv").Rows.Select(r => r["group"]).ToHashSet(StringComparer.Ordinal);
        _chpl = T("chpl.tsv").Rows.ToLookup(r => r["hs6"], StringComparer.Ordinal);
        ChplRows = T("chpl.tsv").Rows;
        _callingCodes = T("calling-codes.tsv").Rows.ToLookup(r => r["country"], StringComparer.Ordinal);
        _terms = T("red-flag-terms.tsv").Rows.ToLookup(r => r["kind"], StringComparer.Ordinal);
        TermKinds = _terms.Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        Tables = tables;
        var all = string.Concat(tables.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => t.Name + t.Sha256));
        Version = "rules-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(all)))[..12];
        foreach (var c in _consequences.Rows) _rules.Rows(c["rule"]);
    }

    public static readonly string[] TableNames =
    [
        "rules.tsv", "obligations.tsv", "country-groups.tsv", "chpl.tsv", "list-consequences.tsv", "cn-announcements.tsv",
        "cn-us-restricted-items.tsv", "us-746-supp4.tsv", "calling-codes.tsv", "red-flag-terms.tsv",
    ];

    private static readonly Lazy<RuleBook> Shipped = new(() => new RuleBook(TableNames.Select(RuleTable.Embedded).ToList()));

    /// <summary>Rule data from tables of one's own (every table of <see cref="TableNames"/>), checked as the shipped ones are.</summary>
    public static RuleBook Load(IReadOnlyList<RuleTable> tables)
    {
        var missing = TableNames.Where(n => tables.All(t => t.Name != n)).ToList();
        return missing.Count == 0 ? new RuleBook(tables) : throw new InvalidOperationException($"Rule data lacks {string.Join(", ", missing)}.");
    }

    /// <summary>The rule data shipped in this build.</summary>
    public static RuleBook Default => Shipped.Value;

    public IReadOnlyList<RuleTable> Tables { get; }
    public string Version { get; }
    public IEnumerable<RuleDefinition> Rules => _rules.All;

    /// <summary>The row of a rule in force on a day, or null when no instrument imposed it then.</summary>
    public RuleDefinition? Rule(string id, DateOnly day) => _rules.On(id, day);

    /// <summary>The row of an obligation in force on a day, or null.</summary>
    public ObligationDefinition? Obligation(string id, DateOnly day) => _obligations.On(id, day);


    /// <summary>The country groups country-groups.tsv defines, and the kinds of red-flag terms red-flag-terms.tsv has.</summary>
    public IReadOnlySet<string> Groups { get; }
    public IReadOnlySet<string> TermKinds { get; }

    /// <summary>Whether a country is in a group on a day. A group the data does not define is an error, never "not in
    /// it": a misspelt group would otherwise switch a rule off unseen.</summary>
    public bool InGroup(string group, string? country, DateOnly day)
    {
        if (!Groups.Contains(group))
            throw new InvalidOperationException($"Country group {group} is not defined in country-groups.tsv; defined: {string.Join(", ", Groups.Order(StringComparer.Ordinal))}.");
        if (country is null) return false;
        foreach (var r in _groups[(group, country)]) if (r.InForce(day)) return true;
        return false;
    }

    /// <summary>The CHPL tier ("1", "3.B") of an HS code by its first six digits, or null.</summary>
    public string? ChplTier(string? hs, DateOnly day) =>
        hs is { Length: >= 6 } ? _chpl[hs[..6]].FirstOrDefault(r => r.InForce(day))?["tier"] : null;

    public IReadOnlyList<RuleRow> ChplRows { get; }

    /// <summary>What a confirmed hit on a list means in each jurisdiction on a day: (jurisdiction, rule id) pairs.</summary>
    public IEnumerable<(string Jurisdiction, string Rule)> ListConsequences(string dataset, string sourceList, DateOnly day) =>
        _consequences.Rows.Where(r => r.InForce(day) && ListMatches(r["list"], dataset, sourceList)).Select(r => (r["jurisdiction"], r["rule"]));

    private static bool ListMatches(string pattern, string dataset, string sourceList)
    {
        var colon = pattern.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return pattern == dataset;
        return pattern[..colon] == dataset && sourceList.StartsWith(pattern[(colon + 1)..], StringComparison.OrdinalIgnoreCase);
    }

    public RuleRow? CnAnnouncement(string? code, DateOnly day) => ByPrefix(_cnAnnouncements, code, day);

    public RuleRow? CnUsRestrictedItem(string? code, DateOnly day) => ByPrefix(_cnUsRestricted, code, day);

    private static RuleRow? ByPrefix(RuleTable table, string? code, DateOnly day) =>
        code is null ? null : table.Rows.Where(r => r.InForce(day) && code.StartsWith(r["code_prefix"], StringComparison.Ordinal))
            .MaxBy(r => r["code_prefix"].Length);

    public RuleRow? UsSupp4(string? hs, DateOnly day) =>
        hs is null ? null : _supp4.Rows.FirstOrDefault(r => r.InForce(day) && hs.StartsWith(r["hs_prefix"], StringComparison.Ordinal));

    public IReadOnlyList<string> CallingCodes(string country, DateOnly day) =>
        _callingCodes[country].Where(r => r.InForce(day)).Select(r => r["code"]).ToList();

    /// <summary>The red-flag terms of a kind in force on a day; a kind the data does not have is an error.</summary>
    public IReadOnlyList<string> Terms(string kind, DateOnly day) =>
        TermKinds.Contains(kind)
            ? _terms[kind].Where(r => r.InForce(day)).Select(r => r["term"]).ToList()
            : throw new InvalidOperationException($"Red-flag term kind {kind} is not in red-flag-terms.tsv; it has: {string.Join(", ", TermKinds.Order(StringComparer.Ordinal))}.");
}

using System.Security.Cryptography;
using System.Text;
using Chokepoint.Core.Listings;

namespace Chokepoint.Application.Monitoring;

/// <summary>
/// What of a listed entry a reviewer's decision rests on: its names, dates of birth, countries, identifiers and
/// addresses, each sorted. Its digest keys the decision memory, so that a publisher re-keying or re-ordering an
/// entry does not lose a decision, while a new alias, date of birth or address re-opens it.
/// </summary>
public sealed record EntryFacts(IReadOnlyList<string> Names, IReadOnlyList<string> BirthDates, IReadOnlyList<string> Countries,
    IReadOnlyList<string> Identifiers, IReadOnlyList<string> Addresses)
{
    public static EntryFacts Of(ListedEntity e) => new(
        Sorted(e.Names.Select(n => n.Value)),
        Sorted(e.BirthDates.Select(b => b.Text)),
        Sorted(e.Nationalities.Concat(e.Countries)),
        Sorted(e.Identifiers.Select(i => $"{i.Type}: {i.Value}")),
        Sorted(e.Addresses.Select(a => a.Text)));

    public string Digest => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001e',
        new[] { Names, BirthDates, Countries, Identifiers, Addresses }.Select(part => string.Join('\u001f', part))))));

    /// <summary>What differs from an earlier form of the entry, field by field ("names: + ALIAS", "birth dates: - 1970").</summary>
    public IReadOnlyList<string> ChangesSince(EntryFacts before)
    {
        var changes = new List<string>();
        void Compare(string field, IReadOnlyList<string> was, IReadOnlyList<string> now)
        {
            var added = now.Except(was, StringComparer.Ordinal).ToList();
            var removed = was.Except(now, StringComparer.Ordinal).ToList();
            if (added.Count + removed.Count == 0) return;
            changes.Add($"{field}: {string.Join(", ", added.Select(a => "+ " + a).Concat(removed.Select(r => "- " + r)))}");
        }
        Compare("names", before.Names, Names);
        Compare("birth dates", before.BirthDates, BirthDates);
        Compare("countries", before.Countries, Countries);
        Compare("identifiers", before.Identifiers, Identifiers);
        Compare("addresses", before.Addresses, Addresses);
        return changes;
    }

    private static string[] Sorted(IEnumerable<string> values) =>
        [.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}

using System.Security.Cryptography;
using System.Text;
using Chokepoint.Application.Screening;
using Chokepoint.Core.Listings;
using Chokepoint.Core.Reading;
using Chokepoint.Matching.Screening;

namespace Chokepoint.Application.Monitoring;

/// <summary>
/// A party an organisation deals with, under its own reference (the customer or supplier number in its ERP): what
/// screening reads of it (name, kind, country, date of birth or incorporation, an identifier) and its address.
/// </summary>
public sealed record Counterparty(string Ref, string Name, EntityKind? Kind = null, string? Country = null, string? Dob = null,
    string? Identifier = null, string? Address = null)
{
    public const int MaxRefChars = 200;

    public PartyQuery Query => new(Name, Kind, Country, Dob, Identifier);

    /// <summary>A stable hash of what screening reads: a change of any of it re-opens a decided alert.</summary>
    public string Digest => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Join('\u001f', Name, Kind?.ToString() ?? "", Country ?? "", Dob ?? "", Identifier ?? ""))));
}

/// <summary>Counterparties from a CSV or xlsx file (columns ref, name, kind, country, dob, id, address) or JSON lines. The
/// whole file is read before anything is stored: every bad row is reported with its line, and a file with any is
/// refused whole.</summary>
public static class CounterpartyFile
{
    public const int MaxErrorsReported = 20;

    /// <summary>Our columns a register file can carry, for a mapping from the file's own headers.</summary>
    public static readonly string[] Columns = ["ref", "name", "kind", "country", "dob", "id", "address"];

    public static IReadOnlyList<Counterparty> Read(string path, IReadOnlyDictionary<string, string>? columns = null)
    {
        var parties = new List<Counterparty>();
        var errors = new List<string>();
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var row in PartyRows.Read(path, columns))
        {
            var reference = row.Cells.GetValueOrDefault("ref");
            string? problem = row.Problem
                ?? (reference is null ? "no ref (the counterparty's own reference is required)"
                : reference.Length > Counterparty.MaxRefChars ? $"ref longer than {Counterparty.MaxRefChars} characters"
                : row.Query!.Name is null ? "no name"
                : seen.TryGetValue(reference, out var first) ? $"ref '{reference}' is also on line {first}"
                : null);
            if (problem is not null)
            {
                errors.Add($"line {row.Line}: {problem}");
                continue;
            }
            seen[reference!] = row.Line;
            var q = row.Query!;
            parties.Add(new Counterparty(reference!, q.Name!, q.Kind, q.Country, q.BirthDate, q.Identifier, row.Cells.GetValueOrDefault("address")));
        }
        if (errors.Count > 0)
            throw new ListFormatException(path, null,
                $"{errors.Count:N0} bad row{(errors.Count > 1 ? "s" : "")}, nothing imported: {string.Join("; ", errors.Take(MaxErrorsReported))}{(errors.Count > MaxErrorsReported ? "; ..." : "")}");
        if (parties.Count == 0) throw new ListFormatException(path, null, "no counterparty in the file");
        return parties;
    }
}

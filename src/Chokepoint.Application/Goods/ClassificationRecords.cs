using System.Data.Common;
using System.Globalization;
using Chokepoint.Application.Goods;
using Chokepoint.Rules.Goods;
using Chokepoint.Storage.Records;

namespace Chokepoint.Application.Goods;

/// <summary>
/// A classification a person confirmed: the item, the dotted code, the provision it rests on word for word, the
/// rationale, who assessed it and when, and the list version with a hash of the cited entry's text, so that a new
/// version of the list can tell which records need a second look.
/// </summary>
public sealed record ClassificationRecord(
    long Id, string Item, string? HsCode, string Regime, string Code, string EntryCode, string Citation,
    string EntryTextSha256, string ListVersion, string Rationale, string Assessor, DateOnly AssessedOn);

/// <summary>A record whose cited entry changed (or vanished) in a newer list version.</summary>
public sealed record ChangedClassification(ClassificationRecord Record, string Why);

/// <summary>Stores confirmed classifications (SQLite or PostgreSQL) for shipments to reuse.</summary>
public sealed class ClassificationRecords(RecordDatabase db)
{
    private const string Columns = "id, item, hs_code, regime, code, entry_code, citation, entry_sha256, list_version, rationale, assessor, assessed_on";

    /// <summary>The classifications table is part of the one schema (Chokepoint.Storage/Migrations).</summary>
    public Task EnsureSchemaAsync(CancellationToken ct) => db.MigrateAsync(ct);

    /// <summary>Records a confirmation; the code must name a provision of the current Annex I, which is cited word for word.</summary>
    public async Task<ClassificationRecord> ConfirmAsync(AnnexI annex, string item, string? hs, string code, string rationale, string assessor, DateOnly day, CancellationToken ct)
    {
        foreach (var (name, value) in new[] { ("item", item), ("rationale", rationale), ("assessor", assessor) })
            if (string.IsNullOrWhiteSpace(value) || value.Length > 2000) throw new ArgumentException($"A confirmed classification needs a {name} (at most 2,000 characters).");
        var entry = annex.Find(code);
        if (entry is null || !annex.Exists(code)) throw new ArgumentException($"{code} is not a provision of Annex I ({annex.Version}).");
        var citation = entry.Provisions.First(p => p.Path.TrimEnd('.') == code.TrimEnd('.') || (code == entry.Code && p.Path == entry.Code));
        await using var c = await db.ConnectAsync(ct).ConfigureAwait(false);
        await using var cmd = RecordDatabase.Command(c, null,
            $"INSERT INTO classifications (item, hs_code, regime, code, entry_code, citation, entry_sha256, list_version, rationale, assessor, assessed_on) " +
            $"VALUES (@item, @hs, 'EU', @code, @entry, @citation, @sha, @version, @rationale, @assessor, @on) RETURNING id",
            ("item", item), ("hs", hs), ("code", code), ("entry", entry.Code), ("citation", $"{citation.Path} {citation.Text}"),
            ("sha", entry.TextSha256), ("version", annex.Version), ("rationale", rationale), ("assessor", assessor),
            ("on", day));
        var id = Convert.ToInt64(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
        return (await GetAsync(id, ct).ConfigureAwait(false))!;
    }

    public async Task<ClassificationRecord?> GetAsync(long id, CancellationToken ct) =>
        (await QueryAsync($"SELECT {Columns} FROM classifications WHERE id = @id", ct, ("id", id)).ConfigureAwait(false)).FirstOrDefault();

    public Task<List<ClassificationRecord>> AllAsync(CancellationToken ct) => QueryAsync($"SELECT {Columns} FROM classifications ORDER BY id", ct);

    /// <summary>Fills each item's EU control code from the classification record it names; an unknown id is an error.</summary>
    public async Task<Chokepoint.Rules.Shipments.Shipment> ApplyAsync(Chokepoint.Rules.Shipments.Shipment shipment, CancellationToken ct)
    {
        if (!shipment.Items.Any(i => i.ClassificationId is not null)) return shipment;
        var items = new List<Chokepoint.Rules.Shipments.Item>();
        foreach (var item in shipment.Items)
        {
            if (item.ClassificationId is not { } id || item.ControlCodes.ContainsKey("EU")) { items.Add(item); continue; }
            var record = await GetAsync(id, ct).ConfigureAwait(false) ?? throw new Chokepoint.Rules.Shipments.ShipmentException($"Classification record {id} does not exist.");
            items.Add(item with { ControlCodes = new Dictionary<string, string>(item.ControlCodes) { ["EU"] = record.Code } });
        }
        return shipment with { Items = items };
    }

    /// <summary>The records whose cited entry is worded differently, or missing, in this version of Annex I.</summary>
    public async Task<IReadOnlyList<ChangedClassification>> ChangedAsync(AnnexI current, CancellationToken ct)
    {
        var changed = new List<ChangedClassification>();
        foreach (var r in await AllAsync(ct).ConfigureAwait(false))
        {
            var entry = current.Find(r.EntryCode);
            if (entry is null) changed.Add(new ChangedClassification(r, $"{r.EntryCode} is no longer in Annex I ({current.Version})."));
            else if (entry.TextSha256 != r.EntryTextSha256) changed.Add(new ChangedClassification(r, $"{r.EntryCode} is worded differently in {current.Version} than in {r.ListVersion}."));
            else if (!current.Exists(r.Code)) changed.Add(new ChangedClassification(r, $"{r.Code} no longer exists in {current.Version}."));
        }
        return changed;
    }

    private async Task<List<ClassificationRecord>> QueryAsync(string sql, CancellationToken ct, params (string, object?)[] args)
    {
        await using var c = await db.ConnectAsync(ct).ConfigureAwait(false);
        await using var cmd = RecordDatabase.Command(c, null, sql, args);
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var list = new List<ClassificationRecord>();
        while (await r.ReadAsync(ct).ConfigureAwait(false)) list.Add(Read(r));
        return list;
    }

    private static ClassificationRecord Read(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
        r.GetString(6), r.GetString(7), r.GetString(8), r.GetString(9), r.GetString(10),
        Chokepoint.Storage.Records.Column.Day(r, 11)!.Value);
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Chokepoint.Core.Identity;
using Chokepoint.Core.Values;
using Chokepoint.Licensing;
using Chokepoint.Licensing.Storage;
using Chokepoint.Storage;

namespace Chokepoint.Application.Monitoring;

/// <summary>One entry of a good-guy list: a party by name (and country, date of birth where given) that is not the
/// listed entry named, with why, who said so and when.</summary>
public sealed record GoodGuy(long Id, string Name, string? Country, string? Dob, EntityRef Entry, string Reason, string AddedBy, string AddedAt);

/// <summary>
/// Each organisation's good-guy list: "our customer ALI HASSAN TRADING of AE is not us-ofac-sdn:12345". Unlike the
/// memory of a decided alert, it is keyed on the party's details, not a registered counterparty, so it holds for every
/// counterparty with those details, registered now or later. It is pinned to the listed entry's content as it was
/// when added: once the publisher changes the entry (a new alias, a new date of birth), it no longer applies and the
/// alert opens. It never covers another entry, and removing an entry from the list is audited like adding it.
/// </summary>
public sealed class GoodGuys(LicensingStore store)
{
    public async Task<GoodGuy> AddAsync(Actor actor, string name, string? country, string? dob, EntityRef entry, string reason, ISnapshotStore lists, CancellationToken ct)
    {
        CounterpartyRegister.Permit(actor);
        name = (name ?? "").Trim();
        if (name.Length is 0 or > Chokepoint.Matching.Screening.PartyQuery.MaxNameChars) throw LicensingException.Bad("A good guy needs a name of 1 to 1,000 characters.");
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 2000) throw LicensingException.Bad("A good-guy entry needs a reason of 1 to 2,000 characters.");
        var active = await lists.GetActiveAsync(entry.Dataset.Value, ct)
            ?? throw LicensingException.NotFound($"No list {entry.Dataset} is serving; serving: " +
                (string.Join(", ", (await lists.ListAsync(activeOnly: true, ct)).Select(s => s.Dataset.Value).Order(StringComparer.Ordinal)) is { Length: > 0 } serving ? serving : "none") + ".");
        var listed = await lists.GetEntityAsync(active.Id.Value, entry.SourceId, ct) ?? throw LicensingException.NotFound($"{entry.Dataset} snapshot {active.Id} has no entry {entry.SourceId}.");
        await using var u = await store.BeginAsync(ct);
        var id = await u.InsertAsync("INSERT INTO good_guys (organisation_id, party_key, name, country, dob, dataset, source_id, entry_digest, reason, added_by, added_at) " +
            "VALUES (@o, @k, @n, @c, @d, @ds, @s, @e, @r, @by, @at)", ct,
            ("o", actor.OrganisationId), ("k", Key(name, country, dob)), ("n", name), ("c", Blank(country)), ("d", Blank(dob)), ("ds", entry.Dataset.Value),
            ("s", entry.SourceId), ("e", EntryFacts.Of(listed.Entity).Digest), ("r", reason.Trim()), ("by", actor.Username), ("at", Stamp(u.Now)));
        await u.AuditAsync(actor, "goodguy.added", "good_guy", id.ToString(CultureInfo.InvariantCulture), null,
            Json.Write(new { name, country, dob, entry = entry.ToString() }), reason.Trim(), null, ct);
        await u.CommitAsync(ct);
        return new GoodGuy(id, name, Blank(country), Blank(dob), entry, reason.Trim(), actor.Username, Stamp(u.Now));
    }

    public async Task<IReadOnlyList<GoodGuy>> ListAsync(Actor actor, CancellationToken ct)
    {
        CounterpartyRegister.Permit(actor, read: true);
        await using var u = await store.BeginAsync(ct);
        await using var cmd = u.Command("SELECT id, name, country, dob, dataset, source_id, reason, added_by, added_at FROM good_guys " +
            "WHERE organisation_id = @o AND removed_at IS NULL ORDER BY id", ("o", actor.OrganisationId));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<GoodGuy>();
        while (await r.ReadAsync(ct))
            list.Add(new GoodGuy(r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                new EntityRef(DatasetId.Parse(r.GetString(4)), r.GetString(5)), r.GetString(6), r.GetString(7), r.GetString(8)));
        return list;
    }

    public async Task RemoveAsync(Actor actor, long id, string reason, CancellationToken ct)
    {
        CounterpartyRegister.Permit(actor);
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 2000) throw LicensingException.Bad("Removing a good-guy entry needs a reason of 1 to 2,000 characters.");
        await using var u = await store.BeginAsync(ct);
        if (await u.ExecuteAsync("UPDATE good_guys SET removed_at = @at WHERE id = @id AND organisation_id = @o AND removed_at IS NULL", ct,
                ("at", Stamp(u.Now)), ("id", id), ("o", actor.OrganisationId)) != 1)
            throw LicensingException.NotFound($"Good-guy entry {id} does not exist.");
        await u.AuditAsync(actor, "goodguy.removed", "good_guy", id.ToString(CultureInfo.InvariantCulture), null, null, reason.Trim(), null, ct);
        await u.CommitAsync(ct);
    }

    /// <summary>Whether the organisation's list says this party is not this entry, as the entry stands now.</summary>
    internal static async Task<bool> CoversAsync(UnitOfWork u, long organisation, Counterparty party, string dataset, string sourceId, string entryDigest, CancellationToken ct) =>
        await u.ScalarAsync("SELECT id FROM good_guys WHERE organisation_id = @o AND party_key = @k AND dataset = @d AND source_id = @s AND entry_digest = @e AND removed_at IS NULL LIMIT 1", ct,
            ("o", organisation), ("k", Key(party.Name, party.Country, party.Dob)), ("d", dataset), ("s", sourceId), ("e", entryDigest)) is not null;

    /// <summary>The party's details as a key: the name in lower case with its spaces collapsed, the country in upper case, the date as given.</summary>
    private static string Key(string name, string? country, string? dob) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f',
        string.Join(' ', name.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), (Blank(country) ?? "").ToUpperInvariant(), Blank(dob) ?? ""))));

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string Stamp(DateTimeOffset t) => t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}

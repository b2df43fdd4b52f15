using System.Data.Common;
using System.Globalization;
using Chokepoint.Core.Identity;
using Chokepoint.Core.Listings;
using Chokepoint.Licensing;
using Chokepoint.Licensing.Storage;
using Chokepoint.Storage.Records;

namespace Chokepoint.Application.Monitoring;

/// <summary>A registered counterparty: its id, organisation, version (1 when first registered, one more per change).</summary>
public sealed record RegisteredCounterparty(long Id, long OrganisationId, int Version, string? Source, Counterparty Party);

/// <summary>One earlier or current form of a counterparty, as it was registered.</summary>
public sealed record CounterpartyVersion(int Version, Counterparty Party, string ChangedAt, string ChangedBy);

public sealed record CounterpartyImport(int Added, int Changed, int Unchanged);

/// <summary>
/// Each organisation's counterparties, keyed by its own reference. An import is idempotent by reference and one
/// transaction: new references are added, changed ones get a new version (every version is kept), unchanged ones are
/// left alone, and the import is one audit event.
/// </summary>
public sealed class CounterpartyRegister(LicensingStore store)
{
    private const string Columns = "id, organisation_id, ref, name, kind, country, dob, identifier, address, source, version";

    public async Task<CounterpartyImport> ImportAsync(Actor actor, IReadOnlyList<Counterparty> parties, string? source, CancellationToken ct)
    {
        Permit(actor);
        if (parties.GroupBy(p => p.Ref, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw LicensingException.Bad($"The reference '{twice.Key}' is given {twice.Count()} times; each counterparty is given once. Nothing was imported.");
        var (added, changed, unchanged) = (0, 0, 0);
        await using var u = await store.BeginAsync(ct);
        var existing = new Dictionary<string, (long Id, string Digest, int Version)>(StringComparer.Ordinal);
        await using (var cmd = u.Command("SELECT ref, id, digest, version FROM counterparties WHERE organisation_id = @o", ("o", actor.OrganisationId)))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) existing[r.GetString(0)] = (r.GetInt64(1), r.GetString(2), r.GetInt32(3));
        var at = u.Now.ToString("O", CultureInfo.InvariantCulture);
        // New counterparties are staged and added with their first versions in two set-based statements; a changed
        // one is updated, and its version row added, by statements run as RowStatement runs them (prepared and reused,
        // or in batches). A version row finds its counterparty by reference.
        var fresh = new List<string?[]>();
        await using var update = new RowStatement(u,
            "UPDATE counterparties SET name = @n, kind = @k, country = @c, dob = @d, identifier = @i, address = @a, source = @s, digest = @g, version = @v, updated_at = @at WHERE id = @id",
            ("n", ""), ("k", ""), ("c", ""), ("d", ""), ("i", ""), ("a", ""), ("s", ""), ("g", ""), ("v", 0), ("at", at), ("id", 0L));
        await using var history = new RowStatement(u,
            "INSERT INTO counterparty_versions (counterparty_id, version, body, changed_at, changed_by) " +
            "VALUES ((SELECT id FROM counterparties WHERE organisation_id = @o AND ref = @ref), @v, @b, @at, @by)",
            ("o", actor.OrganisationId), ("ref", ""), ("v", 0), ("b", ""), ("at", at), ("by", actor.Username)) { After = update };
        foreach (var p in parties)
        {
            if (!existing.TryGetValue(p.Ref, out var was))
            {
                fresh.Add([p.Ref, p.Name, p.Kind?.ToString(), p.Country, p.Dob, p.Identifier, p.Address, Stored(p), Json.Write(p)]);
                added++;
            }
            else if (was.Digest != Stored(p))
            {
                var row = update.Next();
                Fill(row, p, source);
                row["v"].Value = was.Version + 1;
                row["id"].Value = was.Id;
                await update.AddAsync(ct);
                var h = history.Next();
                h["ref"].Value = p.Ref;
                h["v"].Value = was.Version + 1;
                h["b"].Value = Json.Write(p);
                await history.AddAsync(ct);
                changed++;
            }
            else unchanged++;
        }
        await history.FlushAsync(ct);
        if (fresh.Count > 0)
        {
            await using var staged = await StagedRows.LoadAsync(u, "counterparty_rows", ["ref", "name", "kind", "country", "dob", "identifier", "address", "digest", "body"], fresh, ct);
            await u.ExecuteAsync(
                "INSERT INTO counterparties (organisation_id, ref, name, kind, country, dob, identifier, address, source, digest, version, updated_at) " +
                "SELECT @o, ref, name, kind, country, dob, identifier, address, @s, digest, 1, @at FROM counterparty_rows", ct,
                ("o", actor.OrganisationId), ("s", source), ("at", at));
            await u.ExecuteAsync(
                "INSERT INTO counterparty_versions (counterparty_id, version, body, changed_at, changed_by) " +
                "SELECT c.id, 1, t.body, @at, @by FROM counterparty_rows t JOIN counterparties c ON c.organisation_id = @o AND c.ref = t.ref", ct,
                ("o", actor.OrganisationId), ("at", at), ("by", actor.Username));
        }
        var result = new CounterpartyImport(added, changed, unchanged);
        await u.AuditAsync(actor, "counterparties.imported", "organisation", actor.OrganisationId.ToString(CultureInfo.InvariantCulture), null,
            Json.Write(new { source, result.Added, result.Changed, result.Unchanged }), null, null, ct);
        await u.CommitAsync(ct);
        return result;
    }

    public async Task<IReadOnlyList<RegisteredCounterparty>> ListAsync(Actor actor, CancellationToken ct)
    {
        Permit(actor, read: true);
        return await QueryAsync($"SELECT {Columns} FROM counterparties WHERE organisation_id = @o ORDER BY ref", ct, ("o", actor.OrganisationId));
    }

    /// <summary>One page of the organisation's counterparties whose reference or name contains <paramref name="search"/>
    /// (any case), by reference; the total counts every match.</summary>
    public async Task<(IReadOnlyList<RegisteredCounterparty> Page, int Total)> SearchAsync(Actor actor, string? search, int page, int pageSize, CancellationToken ct)
    {
        Permit(actor, read: true);
        if (search is { Length: > 200 }) throw LicensingException.Bad("A search has at most 200 characters.");
        if (page < 1 || pageSize is < 1 or > 200) throw LicensingException.Bad("Pages are numbered from 1 and hold 1 to 200 counterparties.");
        // LIKE's own wildcards in the search are taken literally.
        var pattern = "%" + (search ?? "").Trim().ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        const string where = "organisation_id = @o AND (LOWER(ref) LIKE @q ESCAPE '\\' OR LOWER(name) LIKE @q ESCAPE '\\')";
        await using var c = await store.Database.ConnectAsync(ct);
        await using var count = RecordDatabase.Command(c, null, $"SELECT COUNT(*) FROM counterparties WHERE {where}", ("o", actor.OrganisationId), ("q", pattern));
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        var rows = await QueryAsync($"SELECT {Columns} FROM counterparties WHERE {where} ORDER BY ref LIMIT @limit OFFSET @offset", ct,
            ("o", actor.OrganisationId), ("q", pattern), ("limit", pageSize), ("offset", (long)(page - 1) * pageSize));
        return (rows, total);
    }

    public async Task<RegisteredCounterparty> GetAsync(Actor actor, long id, CancellationToken ct)
    {
        Permit(actor, read: true);
        var found = await QueryAsync($"SELECT {Columns} FROM counterparties WHERE organisation_id = @o AND id = @id", ct, ("o", actor.OrganisationId), ("id", id));
        return found.Count == 1 ? found[0] : throw LicensingException.NotFound($"No counterparty {id} is registered.");
    }

    /// <summary>Every organisation's counterparties, for monitoring runs.</summary>
    /// <summary>How many counterparties and the sum of their versions: any registration or change moves it (nothing
    /// is ever deleted, and a version only goes up), so a copy of the register kept in memory knows it is stale.</summary>
    internal async Task<RegisterStamp> StampAsync(CancellationToken ct)
    {
        await using var c = await store.Database.ConnectAsync(ct);
        await using var cmd = RecordDatabase.Command(c, null, "SELECT COUNT(*), COALESCE(SUM(version), 0) FROM counterparties");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return new RegisterStamp(Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture));
    }

    /// <summary>The counterparties, with their current version, that monitoring has not screened in that version
    /// against every active list: registered or changed since its last run.</summary>
    internal async Task<IReadOnlyList<(long Id, int Version)>> UnscreenedAsync(CancellationToken ct)
    {
        await using var c = await store.Database.ConnectAsync(ct);
        await using var cmd = RecordDatabase.Command(c, null, "SELECT id, version FROM counterparties WHERE screened_version <> version");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var found = new List<(long, int)>();
        while (await r.ReadAsync(ct)) found.Add((r.GetInt64(0), r.GetInt32(1)));
        return found;
    }

    /// <summary>Records that these versions were screened against every active list; a counterparty changed meanwhile
    /// keeps its newer version unscreened.</summary>
    internal static async Task MarkScreenedAsync(UnitOfWork u, IEnumerable<RegisteredCounterparty> screened, CancellationToken ct)
    {
        await using var mark = new RowStatement(u, "UPDATE counterparties SET screened_version = @v WHERE id = @id AND version = @v", ("v", 0), ("id", 0L));
        foreach (var p in screened)
        {
            var row = mark.Next();
            row["v"].Value = p.Version;
            row["id"].Value = p.Id;
            await mark.AddAsync(ct);
        }
        await mark.FlushAsync(ct);
    }

    internal Task<IReadOnlyList<RegisteredCounterparty>> AllAsync(CancellationToken ct) =>
        QueryAsync($"SELECT {Columns} FROM counterparties ORDER BY id", ct);

    public async Task<(RegisteredCounterparty Current, IReadOnlyList<CounterpartyVersion> Versions)> ShowAsync(Actor actor, string reference, CancellationToken ct)
    {
        Permit(actor, read: true);
        var found = await QueryAsync($"SELECT {Columns} FROM counterparties WHERE organisation_id = @o AND ref = @r", ct, ("o", actor.OrganisationId), ("r", reference));
        return await WithVersionsAsync(found.Count == 1 ? found[0] : throw LicensingException.NotFound($"No counterparty '{reference}' is registered."), ct);
    }

    public async Task<(RegisteredCounterparty Current, IReadOnlyList<CounterpartyVersion> Versions)> ShowAsync(Actor actor, long id, CancellationToken ct) =>
        await WithVersionsAsync(await GetAsync(actor, id, ct), ct);

    private async Task<(RegisteredCounterparty Current, IReadOnlyList<CounterpartyVersion> Versions)> WithVersionsAsync(RegisteredCounterparty current, CancellationToken ct)
    {
        var versions = new List<CounterpartyVersion>();
        await using var c = await store.Database.ConnectAsync(ct);
        await using var cmd = RecordDatabase.Command(c, null, "SELECT version, body, changed_at, changed_by FROM counterparty_versions WHERE counterparty_id = @id ORDER BY version", ("id", current.Id));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) versions.Add(new CounterpartyVersion(r.GetInt32(0), Json.Read<Counterparty>(r.GetString(1)), r.GetString(2), r.GetString(3)));
        return (current, versions);
    }

    internal static void Permit(Actor actor, bool read = false)
    {
        if (!(actor.May(Permission.ReviewAlerts) || (read && actor.May(Permission.ReadAlerts))))
            throw LicensingException.Forbidden($"The role {actor.Role} may not {(read ? "read" : "change")} the counterparty register.");
    }

    private static void Fill(DbParameterCollection row, Counterparty p, string? source)
    {
        static object Value(string? v) => v is null ? DBNull.Value : v;
        row["n"].Value = p.Name;
        row["k"].Value = Value(p.Kind?.ToString());
        row["c"].Value = Value(p.Country);
        row["d"].Value = Value(p.Dob);
        row["i"].Value = Value(p.Identifier);
        row["a"].Value = Value(p.Address);
        row["s"].Value = Value(source);
        row["g"].Value = Stored(p);
    }

    /// <summary>What is stored to tell a change: the screened attributes and the address.</summary>
    private static string Stored(Counterparty p) => p.Digest + ":" + (p.Address ?? "");

    private async Task<IReadOnlyList<RegisteredCounterparty>> QueryAsync(string sql, CancellationToken ct, params (string, object?)[] args)
    {
        await using var c = await store.Database.ConnectAsync(ct);
        await using var cmd = RecordDatabase.Command(c, null, sql, args);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<RegisteredCounterparty>();
        while (await r.ReadAsync(ct)) list.Add(Read(r));
        return list;
    }

    private static RegisteredCounterparty Read(DbDataReader r)
    {
        string? Opt(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        var party = new Counterparty(r.GetString(2), r.GetString(3), Opt(4) is { } k ? Enum.Parse<EntityKind>(k) : null, Opt(5), Opt(6), Opt(7), Opt(8));
        return new RegisteredCounterparty(r.GetInt64(0), r.GetInt64(1), r.GetInt32(10), Opt(9), party);
    }
}

/// <summary>The register's size and the sum of its versions (<see cref="CounterpartyRegister.StampAsync"/>).</summary>
internal readonly record struct RegisterStamp(int Count, long Versions);

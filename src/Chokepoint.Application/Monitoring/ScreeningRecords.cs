using System.Globalization;
using Chokepoint.Application.Lists;
using Chokepoint.Core.Identity;
using Chokepoint.Core.Values;
using Chokepoint.Licensing;
using Chokepoint.Licensing.Storage;
using Chokepoint.Matching.Screening;
using Chokepoint.Storage;
using Chokepoint.Storage.Records;

namespace Chokepoint.Application.Monitoring;

/// <summary>The settings a screening ran with.</summary>
public sealed record RecordedSettings(double Threshold, int Limit, IReadOnlyCollection<string> Lists, IReadOnlyCollection<string> Programmes)
{
    public static RecordedSettings Of(ScreenOptions o) => new(o.Threshold, o.Limit, o.Lists, o.Programmes);

    public ScreenOptions Options => new() { Threshold = new Score(Threshold), Limit = Limit, Lists = Lists, Programmes = Programmes };
}

/// <summary>One hit as it was answered.</summary>
public sealed record RecordedHit(string EntityId, string List, long Snapshot, string Name, double Score, string Explanation)
{
    public static RecordedHit Of(ScreenHit h) => new(h.EntityId, h.List, h.Snapshot, h.Name, h.Score, h.Explanation);
}

/// <summary>A stored screening: who asked, when, for what, the query, the snapshots it was screened against, the
/// matcher's version and settings, and every hit with its explanation.</summary>
public sealed record ScreeningRecord(long Id, string At, string Actor, string Purpose, long? CounterpartyId, PartyQuery Query,
    IReadOnlyList<long> Snapshots, string Matcher, RecordedSettings Settings, IReadOnlyList<RecordedHit> Hits);

/// <summary>A stored screening run again on its own snapshots and settings, and what (if anything) now differs.</summary>
public sealed record Replay(ScreeningRecord Record, bool Identical, string MatcherNow, IReadOnlyList<string> Differences);

/// <summary>The screening record: every screening a host or a monitoring run makes can be stored, read back and
/// replayed to show it gives the same answer.</summary>
public sealed class ScreeningRecords(LicensingStore store, Telemetry.ChokepointMetrics? metrics = null)
{
    public async Task<long> RecordAsync(UnitOfWork u, Actor actor, string purpose, long? counterpartyId, ScreenOptions options, ScreenResult result, CancellationToken ct)
    {
        metrics?.Screened(purpose, result.ElapsedMicroseconds);
        return await u.InsertAsync("INSERT INTO screenings (at, actor, purpose, counterparty_id, query, snapshots, matcher, settings, hits, organisation_id) " +
            "VALUES (@at, @a, @p, @c, @q, @s, @m, @o, @h, COALESCE((SELECT organisation_id FROM counterparties WHERE id = @c), @org))", ct,
            ("at", u.Now.ToString("O", CultureInfo.InvariantCulture)), ("a", actor.Username), ("org", actor.OrganisationId), ("p", purpose), ("c", counterpartyId is { } c ? c : new TypedNull(System.Data.DbType.Int64)), ("q", Json.Write(result.Query)),
            ("s", Json.Write(result.Snapshots.Select(s => s.Value))), ("m", Screener.Version), ("o", Json.Write(RecordedSettings.Of(options))),
            ("h", Json.Write(result.Hits.Select(RecordedHit.Of))));
    }

    /// <summary>Stores screenings in one transaction; their ids in the same order (null where a party was not screened).</summary>
    public async Task<long?[]> RecordAsync(Actor actor, string purpose, IReadOnlyList<(ScreenOptions Options, ScreenResult? Result)> screenings, CancellationToken ct)
    {
        var ids = new long?[screenings.Count];
        await using var u = await store.BeginAsync(ct);
        for (var i = 0; i < ids.Length; i++)
            if (screenings[i].Result is { } result) ids[i] = await RecordAsync(u, actor, purpose, null, screenings[i].Options, result, ct);
        await u.CommitAsync(ct);
        return ids;
    }

    /// <summary>One stored screening of the actor's organisation (another's is "not on record").</summary>
    public async Task<ScreeningRecord> GetAsync(Actor actor, long id, CancellationToken ct) =>
        (await QueryAsync(actor, "id = @id", 1, ct, ("id", id))).SingleOrDefault() ?? throw LicensingException.NotFound($"Screening {id} is not on record.");

    /// <summary>A counterparty's screenings, newest first.</summary>
    public Task<List<ScreeningRecord>> OfCounterpartyAsync(Actor actor, long counterpartyId, int limit, CancellationToken ct) =>
        QueryAsync(actor, "counterparty_id = @c ORDER BY id DESC", limit, ct, ("c", counterpartyId));

    private async Task<List<ScreeningRecord>> QueryAsync(Actor actor, string where, int limit, CancellationToken ct, params (string, object?)[] args)
    {
        CounterpartyRegister.Permit(actor, read: true);
        await using var c = await store.Database.ConnectAsync(ct);
        await using var cmd = RecordDatabase.Command(c, null, "SELECT id, at, actor, purpose, counterparty_id, query, snapshots, matcher, settings, hits FROM screenings " +
            $"WHERE organisation_id = @org AND {where} LIMIT @limit", [.. args, ("org", actor.OrganisationId), ("limit", limit)]);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<ScreeningRecord>();
        while (await r.ReadAsync(ct))
            list.Add(new ScreeningRecord(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetInt64(4),
                Json.Read<PartyQuery>(r.GetString(5)), Json.Read<List<long>>(r.GetString(6)), r.GetString(7), Json.Read<RecordedSettings>(r.GetString(8)),
                Json.Read<List<RecordedHit>>(r.GetString(9))));
        return list;
    }

    /// <summary>Runs a stored screening again on the snapshots it used, with its settings, and compares every hit.</summary>
    public async Task<Replay> ReplayAsync(Actor actor, long id, ISnapshotStore lists, CancellationToken ct)
    {
        var record = await GetAsync(actor, id, ct);
        var screener = new Screener();
        screener.Load(await ActiveIndex.BuildAsync(lists, record.Snapshots, ct));
        var now = screener.Screen(record.Query, record.Settings.Options).Hits.Select(RecordedHit.Of).ToList();
        var differences = new List<string>();
        if (record.Matcher != Screener.Version) differences.Add($"the matcher is {Screener.Version} now, {record.Matcher} then");
        static string Key(RecordedHit h) => $"{h.List}:{h.EntityId}";
        var then = record.Hits.ToDictionary(Key);
        foreach (var h in now)
        {
            if (!then.Remove(Key(h), out var was)) differences.Add($"{Key(h)} ({h.Name}) is a hit now at {h.Score:0.000}, was not then");
            else if (Math.Abs(was.Score - h.Score) > 1e-9) differences.Add($"{Key(h)} scores {h.Score:0.000} now, {was.Score:0.000} then");
        }
        differences.AddRange(then.Values.Select(h => $"{Key(h)} ({h.Name}) was a hit then at {h.Score:0.000}, is not now"));
        return new Replay(record, differences.Count == 0, Screener.Version, differences);
    }
}

using System.Data.Common;
using System.Globalization;
using Chokepoint.Core.Identity;
using Chokepoint.Core.Values;
using Chokepoint.Licensing;
using Chokepoint.Licensing.Storage;
using Chokepoint.Storage.Records;

namespace Chokepoint.Application.Monitoring;

/// <summary>open → in review (more information needed) → awaiting approval (a false positive under four eyes) → closed.</summary>
public enum AlertState { Open, InReview, AwaitingApproval, Closed }

public enum AlertDecision { TrueMatch, FalsePositive, NeedInfo }

/// <summary>How alerts are raised and decided: the lowest score that raises one, and whether a false positive needs a
/// second person, of another role, to approve it before it closes.</summary>
public sealed record MonitoringPolicy
{
    /// <summary>Settings-bound (Chokepoint:Monitoring:Threshold); read through <see cref="MinimumScore"/>, which refuses a value outside 0..1.</summary>
    public double Threshold { get; set; } = 0.85;
    public bool FourEyes { get; set; } = true;

    /// <summary>How often a server looks for list snapshots made active since its last run (by itself, the command
    /// line or another server) and screens the register against them; 0 turns the schedule off.</summary>
    public int EveryMinutes { get; set; } = 15;

    /// <summary>How often a server re-screens the whole register against every active list, the safety net; 0: never.</summary>
    public int FullEveryHours { get; set; } = 24;

    public Score MinimumScore => new(Threshold);

    /// <summary>Settings that cannot mean anything stop the start, naming what is allowed.</summary>
    public void Validate()
    {
        if (!(Threshold is >= 0 and <= 1)) throw new ArgumentException($"Chokepoint:Monitoring:Threshold must be a score from 0 to 1, such as 0.85; {Threshold} was given.");
        if (EveryMinutes < 0) throw new ArgumentException($"Chokepoint:Monitoring:EveryMinutes must be 0 (off) or more; {EveryMinutes} was given.");
        if (FullEveryHours < 0) throw new ArgumentException($"Chokepoint:Monitoring:FullEveryHours must be 0 (off) or more; {FullEveryHours} was given.");
    }
}

public sealed record AlertView(long Id, string CounterpartyRef, string CounterpartyName, string Dataset, string SourceId, long Snapshot,
    double Score, AlertState State, AlertDecision? Decision, string? Reason, string? DecidedBy, string? ApprovedBy,
    IReadOnlyList<string> Changes, EntryFacts Entry, long? Screening, string OpenedAt, string UpdatedAt, string? DecidedRole = null, string? Assignee = null, string? Explanation = null)
{
    /// <summary>Whether <paramref name="actor"/> may approve it: awaiting approval, decided by someone else of another role.</summary>
    public bool ApprovableBy(Actor actor) => State == AlertState.AwaitingApproval && DecidedBy != actor.Username && DecidedRole != actor.Role;
}

/// <summary>What raising a hit did: a new alert, a decided one re-opened by a change, or nothing (remembered or already raised).</summary>
public enum Raised { Opened, Reopened, Remembered, Already }

/// <summary>
/// Alerts, one per counterparty and listed entry, grouped by counterparty (its case), and their decisions. Every
/// transition is one transaction with its audit event, and is taken only from the state it expects, so of two
/// decisions racing on one alert exactly one wins and the other is told it came second. A closed false positive is
/// remembered by (counterparty digest, entry digest): the same pair never alerts again while both are unchanged.
/// </summary>
public sealed class AlertDesk(LicensingStore store, MonitoringPolicy policy)
{
    private const string Columns = "a.id, c.ref, c.name, a.dataset, a.source_id, a.snapshot_id, a.score, a.state, a.decision, a.reason, a.decided_by, " +
        "a.approved_by, a.changes, a.entry, a.screening_id, a.opened_at, a.updated_at, a.decided_role, a.assignee, a.explanation";

    public MonitoringPolicy Policy => policy;

    /// <summary>Raises one hit of a monitoring run inside its unit of work.</summary>
    public async Task<Raised> RaiseAsync(UnitOfWork u, RegisteredCounterparty cp, string dataset, string sourceId, long snapshotId, double score,
        EntryFacts entry, long? screeningId, CancellationToken ct, Actor? by = null, string? explanation = null)
    {
        by ??= Actor.Monitoring;
        var party = cp.Party.Digest;
        var digest = entry.Digest;
        if (await u.ScalarAsync("SELECT alert_id FROM alert_memory WHERE organisation_id = @o AND party_digest = @p AND entry_digest = @e", ct,
                ("o", cp.OrganisationId), ("p", party), ("e", digest)) is not null
            || await GoodGuys.CoversAsync(u, cp.OrganisationId, cp.Party, dataset, sourceId, digest, ct))
            return Raised.Remembered;
        var now = u.Now.ToString("O", CultureInfo.InvariantCulture);
        await using (var cmd = u.Command("SELECT id, state, decision, party_digest, entry_digest, entry FROM alerts WHERE counterparty_id = @c AND dataset = @d AND source_id = @s" + u.ForUpdate,
            ("c", cp.Id), ("d", dataset), ("s", sourceId)))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            if (await r.ReadAsync(ct))
            {
                var (id, state, decision) = (r.GetInt64(0), Enum.Parse<AlertState>(r.GetString(1)), r.IsDBNull(2) ? (AlertDecision?)null : Enum.Parse<AlertDecision>(r.GetString(2)));
                var partyChanged = r.GetString(3) != party;
                var same = !partyChanged && r.GetString(4) == digest;
                var before = Json.Read<EntryFacts>(r.GetString(5));
                await r.DisposeAsync();
                if (same || (state == AlertState.Closed && decision == AlertDecision.TrueMatch)) return Raised.Already;
                var changes = entry.ChangesSince(before).ToList();
                if (partyChanged) changes.Insert(0, "counterparty: its screened details changed");
                var reopen = state == AlertState.Closed;
                await u.ExecuteAsync("UPDATE alerts SET state = @st, decision = @dec, reason = @rs, decided_by = @db, decided_role = @dr, approved_by = @ab, " +
                    "snapshot_id = @sn, screening_id = @sc, score = @score, party_digest = @p, entry_digest = @e, entry = @entry, changes = @ch, explanation = @x, updated_at = @now WHERE id = @id", ct,
                    ("st", (reopen ? AlertState.Open : state).ToString()), ("dec", reopen ? null : decision?.ToString()), ("rs", null), ("db", null), ("dr", null), ("ab", null),
                    ("sn", snapshotId), ("sc", Nullable(screeningId)), ("score", score), ("p", party), ("e", digest), ("entry", Json.Write(entry)), ("ch", Json.Write(changes)), ("x", explanation), ("now", now), ("id", id));
                await u.AuditAsync(by, reopen ? "alert.reopened" : "alert.changed", "alert", Key(id), null, Json.Write(new { changes }), null, null, ct);
                if (reopen) await Notices.EnqueueAsync(u, cp.OrganisationId, "alert.reopened", Notice(id, cp, dataset, sourceId, score, changes), ct);
                return reopen ? Raised.Reopened : Raised.Already;
            }
        }
        var opened = await u.InsertAsync("INSERT INTO alerts (organisation_id, counterparty_id, dataset, source_id, snapshot_id, screening_id, score, party_digest, " +
            "entry_digest, entry, state, changes, explanation, opened_at, updated_at) VALUES (@o, @c, @d, @s, @sn, @sc, @score, @p, @e, @entry, @st, '[]', @x, @now, @now)", ct,
            ("o", cp.OrganisationId), ("c", cp.Id), ("d", dataset), ("s", sourceId), ("sn", snapshotId), ("sc", Nullable(screeningId)), ("score", score),
            ("p", party), ("e", digest), ("entry", Json.Write(entry)), ("st", AlertState.Open.ToString()), ("x", explanation), ("now", now));
        await u.AuditAsync(by, "alert.opened", "alert", Key(opened), null,
            Json.Write(new { counterparty = cp.Party.Ref, dataset, sourceId, snapshot = snapshotId, score }), null, null, ct);
        await Notices.EnqueueAsync(u, cp.OrganisationId, "alert.opened", Notice(opened, cp, dataset, sourceId, score, []), ct);
        return Raised.Opened;
    }

    public async Task<AlertView> DecideAsync(Actor actor, long id, AlertDecision decision, string reason, CancellationToken ct)
    {
        CounterpartyRegister.Permit(actor);
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 2000) throw LicensingException.Bad("A decision needs a reason of 1 to 2,000 characters.");
        await using var u = await store.BeginAsync(ct);
        var alert = await LoadAsync(u, actor, id, ct, forUpdate: true);
        if (alert.State is not (AlertState.Open or AlertState.InReview))
            throw LicensingException.Conflict($"Alert {id} is {alert.State}{(alert.DecidedBy is { } by ? $" (decided by {by})" : "")}; only an open alert or one in review can be decided.");
        var next = decision switch
        {
            AlertDecision.TrueMatch => AlertState.Closed,
            AlertDecision.NeedInfo => AlertState.InReview,
            _ => policy.FourEyes ? AlertState.AwaitingApproval : AlertState.Closed,
        };
        await MoveAsync(u, alert, next, ct, ("decision", decision.ToString()), ("reason", reason.Trim()), ("decided_by", actor.Username), ("decided_role", actor.Role));
        if (decision == AlertDecision.FalsePositive && next == AlertState.Closed) await RememberAsync(u, id, ct);
        await u.AuditAsync(actor, "alert.decided", "alert", Key(id), alert.State.ToString(), Json.Write(new { state = next, decision }), reason.Trim(), null, ct);
        var view = await LoadAsync(u, actor, id, ct);
        await u.CommitAsync(ct);
        return view;
    }

    /// <summary>The second pair of eyes on a false positive: someone other than the decider, of another role.</summary>
    public async Task<AlertView> ApproveAsync(Actor actor, long id, CancellationToken ct)
    {
        CounterpartyRegister.Permit(actor);
        await using var u = await store.BeginAsync(ct);
        var alert = await LoadAsync(u, actor, id, ct, forUpdate: true);
        if (alert.State != AlertState.AwaitingApproval) throw LicensingException.Conflict($"Alert {id} is {alert.State}; only a false positive awaiting approval can be approved.");
        if (alert.DecidedBy == actor.Username) throw LicensingException.Forbidden($"Alert {id} was decided by {actor.Username}; nobody approves their own decision.");
        if (alert.DecidedRole == actor.Role)
            throw LicensingException.Forbidden($"Alert {id} was decided by a {actor.Role}; its approval needs someone of another role.");
        await MoveAsync(u, alert, AlertState.Closed, ct, ("approved_by", actor.Username));
        await RememberAsync(u, id, ct);
        await u.AuditAsync(actor, "alert.approved", "alert", Key(id), alert.State.ToString(), Json.Write(new { state = AlertState.Closed }), null, null, ct);
        var view = await LoadAsync(u, actor, id, ct);
        await u.CommitAsync(ct);
        return view;
    }

    /// <summary>The second reviewer's other answer: the false positive goes back for a new decision (in review), with
    /// the reason; the same four-eyes rule as approval (not the decider, not the decider's role).</summary>
    public async Task<AlertView> SendBackAsync(Actor actor, long id, string reason, CancellationToken ct)
    {
        CounterpartyRegister.Permit(actor);
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 2000) throw LicensingException.Bad("Sending a decision back needs a reason of 1 to 2,000 characters.");
        await using var u = await store.BeginAsync(ct);
        var alert = await LoadAsync(u, actor, id, ct, forUpdate: true);
        if (alert.State != AlertState.AwaitingApproval) throw LicensingException.Conflict($"Alert {id} is {alert.State}; only a false positive awaiting approval can be sent back.");
        if (alert.DecidedBy == actor.Username) throw LicensingException.Forbidden($"Alert {id} was decided by {actor.Username}; the second reviewer is someone else.");
        if (alert.DecidedRole == actor.Role) throw LicensingException.Forbidden($"Alert {id} was decided by a {actor.Role}; its second review needs someone of another role.");
        await MoveAsync(u, alert, AlertState.InReview, ct, ("decision", null), ("decided_by", null), ("decided_role", null));
        await u.AuditAsync(actor, "alert.sent-back", "alert", Key(id), alert.State.ToString(), Json.Write(new { state = AlertState.InReview, was = alert.Decision, by = alert.DecidedBy }), reason.Trim(), null, ct);
        var view = await LoadAsync(u, actor, id, ct);
        await u.CommitAsync(ct);
        return view;
    }

    public async Task<IReadOnlyList<AlertView>> ListAsync(Actor actor, AlertState? state, CancellationToken ct, int limit = 1000)
    {
        CounterpartyRegister.Permit(actor, read: true);
        await using var u = await store.BeginAsync(ct);
        return await QueryAsync(u, "WHERE a.organisation_id = @o AND (@s IS NULL OR a.state = @s) ORDER BY a.id LIMIT @limit", ct,
            ("o", actor.OrganisationId), ("s", state?.ToString()), ("limit", limit));
    }

    /// <summary>Alerts with their counterparty, by a WHERE (and ORDER, LIMIT) over alerts a; the caller scopes it.</summary>
    internal static async Task<List<AlertView>> QueryAsync(UnitOfWork u, string tail, CancellationToken ct, params (string, object?)[] args)
    {
        await using var cmd = u.Command($"SELECT {Columns} FROM alerts a JOIN counterparties c ON c.id = a.counterparty_id {tail}", args);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<AlertView>();
        while (await r.ReadAsync(ct)) list.Add(Read(r));
        return list;
    }

    public async Task<AlertView> ShowAsync(Actor actor, long id, CancellationToken ct)
    {
        CounterpartyRegister.Permit(actor, read: true);
        await using var u = await store.BeginAsync(ct);
        return await LoadAsync(u, actor, id, ct);
    }

    private static async Task MoveAsync(UnitOfWork u, AlertView alert, AlertState next, CancellationToken ct, params (string Column, object? Value)[] set)
    {
        var assignments = string.Join(", ", set.Select(s => $"{s.Column} = @{s.Column}"));
        var args = set.Select(s => (s.Column, s.Value)).Concat([("next", (object?)next.ToString()), ("was", alert.State.ToString()), ("id", alert.Id),
            ("now", u.Now.ToString("O", CultureInfo.InvariantCulture))]).ToArray();
        // Taken only from the state it was read in: a decision that lost a race changes nothing.
        var moved = await u.ExecuteAsync($"UPDATE alerts SET state = @next, {assignments}, updated_at = @now WHERE id = @id AND state = @was", ct, args);
        if (moved != 1) throw LicensingException.Conflict($"Alert {alert.Id} was decided by someone else meanwhile.");
    }

    private static Task RememberAsync(UnitOfWork u, long id, CancellationToken ct) =>
        u.ExecuteAsync("INSERT INTO alert_memory (organisation_id, party_digest, entry_digest, alert_id, decided_at) " +
            "SELECT organisation_id, party_digest, entry_digest, id, @now FROM alerts a WHERE id = @id AND NOT EXISTS " +
            "(SELECT 1 FROM alert_memory m WHERE m.organisation_id = a.organisation_id AND m.party_digest = a.party_digest AND m.entry_digest = a.entry_digest)", ct,
            ("now", u.Now.ToString("O", CultureInfo.InvariantCulture)), ("id", id));

    private static async Task<AlertView> LoadAsync(UnitOfWork u, Actor actor, long id, CancellationToken ct, bool forUpdate = false)
    {
        await using var cmd = u.Command($"SELECT {Columns} FROM alerts a JOIN counterparties c ON c.id = a.counterparty_id WHERE a.id = @id AND a.organisation_id = @o" +
            (forUpdate ? u.ForUpdate.Replace(" FOR UPDATE", " FOR UPDATE OF a", StringComparison.Ordinal) : ""), ("id", id), ("o", actor.OrganisationId));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? Read(r) : throw LicensingException.NotFound($"Alert {id} does not exist.");
    }

    private static AlertView Read(DbDataReader r)
    {
        string? Opt(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        return new AlertView(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt64(5), r.GetDouble(6),
            Enum.Parse<AlertState>(r.GetString(7)), Opt(8) is { } d ? Enum.Parse<AlertDecision>(d) : null, Opt(9), Opt(10), Opt(11),
            Opt(12) is { } ch ? Json.Read<List<string>>(ch) : [], Json.Read<EntryFacts>(r.GetString(13)), r.IsDBNull(14) ? null : r.GetInt64(14),
            r.GetString(15), r.GetString(16), Opt(17), Opt(18), Opt(19));
    }

    /// <summary>What a webhook is told: enough to find the alert, nothing of the listed entry beyond its key.</summary>
    private static object Notice(long id, RegisteredCounterparty cp, string dataset, string sourceId, double score, IReadOnlyList<string> changes) =>
        new { alert = id, organisation = cp.OrganisationId, counterparty = cp.Party.Ref, dataset, sourceId, score, changes };

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static object Nullable(long? id) => id is { } v ? v : new TypedNull(System.Data.DbType.Int64);
}

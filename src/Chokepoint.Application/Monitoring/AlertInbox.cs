using System.Globalization;
using Chokepoint.Core.Identity;
using Chokepoint.Licensing;
using Chokepoint.Licensing.Storage;

namespace Chokepoint.Application.Monitoring;

/// <summary>What the inbox shows: any of state, list, lowest score, an age in days, and assignee ("me", "nobody" or a
/// username). Every filter is applied in the database, as is the page.</summary>
public sealed record InboxFilter(AlertState? State = null, string? Dataset = null, double? MinScore = null, int? OlderThanDays = null, string? Assignee = null)
{
    public const int MaxPageSize = 200;

    /// <summary>The filter as a page's query string gives it; a value that means nothing is a clear error.</summary>
    public static InboxFilter Parse(string? state, string? dataset, string? minScore, string? olderThanDays, string? assignee)
    {
        AlertState? s = string.IsNullOrEmpty(state) ? null
            : Enum.TryParse<AlertState>(state, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed
            : throw LicensingException.Bad($"State '{state}' is not Open, InReview, AwaitingApproval or Closed.");
        double? min = string.IsNullOrEmpty(minScore) ? null
            : double.TryParse(minScore, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) ? m : throw LicensingException.Bad($"The lowest score '{minScore}' is not a number.");
        int? older = string.IsNullOrEmpty(olderThanDays) ? null
            : int.TryParse(olderThanDays, NumberStyles.Integer, CultureInfo.InvariantCulture, out var o) ? o : throw LicensingException.Bad($"The age '{olderThanDays}' is not a whole number of days.");
        var filter = new InboxFilter(s, string.IsNullOrWhiteSpace(dataset) ? null : dataset.Trim(), min, older, string.IsNullOrWhiteSpace(assignee) ? null : assignee.Trim());
        filter.Validate();
        return filter;
    }

    public void Validate()
    {
        if (MinScore is < 0 or > 1) throw LicensingException.Bad($"The lowest score is a number from 0 to 1; {MinScore} was given.");
        if (OlderThanDays is < 0 or > 36_500) throw LicensingException.Bad($"The age is 0 to 36,500 days; {OlderThanDays} was given.");
        if (Dataset is { Length: > 100 } || Assignee is { Length: > 100 }) throw LicensingException.Bad("A list or assignee name has at most 100 characters.");
    }
}

public sealed record InboxPage(IReadOnlyList<AlertView> Alerts, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>The day's work in numbers: alerts by state, open ones by age, and what waits for a second reviewer.</summary>
public sealed record AlertSummary(IReadOnlyDictionary<AlertState, int> ByState, int OpenUnderADay, int OpenUnderAWeek, int OpenOlder, int AwaitingApproval, int AssignedToMe);

/// <summary>One step of an alert's history, from the audit trail: who, when, what and why.</summary>
public sealed record AlertEvent(string At, string Actor, string Action, string? Reason, string? After);

/// <summary>A case: the counterparty's alerts, each with its history.</summary>
public sealed record CaseFile(RegisteredCounterparty Counterparty, IReadOnlyList<AlertView> Alerts, IReadOnlyList<AlertEvent> History);

/// <summary>
/// The reviewer's queries over alerts, each scoped to the actor's organisation: the inbox page (newest and highest
/// score first), the dashboard's counts, a case with its history, and assignment (audited).
/// </summary>
public sealed class AlertInbox(LicensingStore store)
{
    public Task<InboxPage> PageAsync(Actor actor, InboxFilter filter, int page, int pageSize, CancellationToken ct)
    {
        if (pageSize is < 1 or > InboxFilter.MaxPageSize) throw LicensingException.Bad($"A page holds 1 to {InboxFilter.MaxPageSize} alerts.");
        return PageCoreAsync(actor, filter, page, pageSize, ct);
    }

    private async Task<InboxPage> PageCoreAsync(Actor actor, InboxFilter filter, int page, int pageSize, CancellationToken ct)
    {
        CounterpartyRegister.Permit(actor, read: true);
        filter.Validate();
        if (page < 1) throw LicensingException.Bad("Pages are numbered from 1.");
        var (where, args) = Where(actor, filter, store.Clock.GetUtcNow());
        await using var u = await store.BeginAsync(ct);
        var total = Convert.ToInt32(await u.ScalarAsync($"SELECT COUNT(*) FROM alerts a WHERE {where}", ct, args), CultureInfo.InvariantCulture);
        var rows = await AlertDesk.QueryAsync(u, $"WHERE {where} ORDER BY a.score DESC, a.id DESC LIMIT @limit OFFSET @offset", ct,
            [.. args, ("limit", pageSize), ("offset", (long)(page - 1) * pageSize)]);
        return new InboxPage(rows, total, page, pageSize);
    }

    /// <summary>Most alerts one download holds.</summary>
    public const int MaxExport = 100_000;

    public static readonly Exports.SheetColumn[] ExportColumns = [new("alert", Exports.CellKind.Number), "counterparty_ref", "counterparty", "listed_entry", "list",
        "entry_id", new("score", Exports.CellKind.Score), "state", "decision", "reason", "decided_by", "approved_by", "assignee", "why",
        new("opened_at", Exports.CellKind.Timestamp), new("updated_at", Exports.CellKind.Timestamp)];

    /// <summary>Every alert the filter selects (at most <see cref="MaxExport"/>), in the inbox's order, as table rows.</summary>
    public async Task<IReadOnlyList<string?[]>> ExportAsync(Actor actor, InboxFilter filter, CancellationToken ct)
    {
        var page = await PageCoreAsync(actor, filter, 1, MaxExport, ct);
        return [.. page.Alerts.Select(a => new string?[]
        {
            a.Id.ToString(CultureInfo.InvariantCulture), a.CounterpartyRef, a.CounterpartyName, a.Entry.Names.FirstOrDefault(), a.Dataset, a.SourceId,
            a.Score.ToString("F4", CultureInfo.InvariantCulture), a.State.ToString(), a.Decision?.ToString(), a.Reason, a.DecidedBy, a.ApprovedBy, a.Assignee,
            a.Explanation, a.OpenedAt, a.UpdatedAt,
        })];
    }

    public async Task<AlertSummary> SummaryAsync(Actor actor, CancellationToken ct)
    {
        CounterpartyRegister.Permit(actor, read: true);
        var now = store.Clock.GetUtcNow();
        await using var u = await store.BeginAsync(ct);
        var byState = Enum.GetValues<AlertState>().ToDictionary(s => s, _ => 0);
        await using (var cmd = u.Command("SELECT state, COUNT(*) FROM alerts WHERE organisation_id = @o GROUP BY state", ("o", actor.OrganisationId)))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) byState[Enum.Parse<AlertState>(r.GetString(0))] = Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture);
        async Task<int> OpenSinceAsync(TimeSpan age) => Convert.ToInt32(await u.ScalarAsync(
            "SELECT COUNT(*) FROM alerts WHERE organisation_id = @o AND state IN ('Open', 'InReview') AND opened_at >= @since", ct,
            ("o", actor.OrganisationId), ("since", Stamp(now - age))), CultureInfo.InvariantCulture);
        var day = await OpenSinceAsync(TimeSpan.FromDays(1));
        var week = await OpenSinceAsync(TimeSpan.FromDays(7));
        var open = byState[AlertState.Open] + byState[AlertState.InReview];
        var mine = Convert.ToInt32(await u.ScalarAsync("SELECT COUNT(*) FROM alerts WHERE organisation_id = @o AND assignee = @me AND state <> 'Closed'", ct,
            ("o", actor.OrganisationId), ("me", actor.Username)), CultureInfo.InvariantCulture);
        return new AlertSummary(byState, day, week - day, open - week, byState[AlertState.AwaitingApproval], mine);
    }

    public async Task<CaseFile> CaseAsync(Actor actor, long alertId, CancellationToken ct)
    {
        CounterpartyRegister.Permit(actor, read: true);
        await using var u = await store.BeginAsync(ct);
        var counterparty = await u.ScalarAsync("SELECT counterparty_id FROM alerts WHERE id = @id AND organisation_id = @o", ct, ("id", alertId), ("o", actor.OrganisationId))
            ?? throw LicensingException.NotFound($"Alert {alertId} does not exist.");
        var cpId = Convert.ToInt64(counterparty, CultureInfo.InvariantCulture);
        var alerts = await AlertDesk.QueryAsync(u, "WHERE a.counterparty_id = @c ORDER BY a.score DESC, a.id", ct, ("c", cpId));
        var history = new List<AlertEvent>();
        var ids = alerts.Select(a => a.Id.ToString(CultureInfo.InvariantCulture)).ToList();
        await using (var cmd = u.Command($"SELECT at, actor, action, reason, after, entity_id FROM audit_events WHERE entity = 'alert' AND entity_id IN ({string.Join(", ", ids.Select((_, i) => "@e" + i))}) ORDER BY seq",
            [.. ids.Select((id, i) => ("e" + i, (object?)id))]))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                history.Add(new AlertEvent(r.GetString(0), r.GetString(1), $"{r.GetString(2)} (alert {r.GetString(5)})", r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4)));
        var cp = await new CounterpartyRegister(store).GetAsync(actor, cpId, ct);
        return new CaseFile(cp, alerts, history);
    }

    /// <summary>Alerts by state across every organisation, for the operator's metrics.</summary>
    public async Task<IReadOnlyDictionary<AlertState, int>> TotalsAsync(CancellationToken ct)
    {
        var totals = Enum.GetValues<AlertState>().ToDictionary(s => s, _ => 0);
        await using var u = await store.BeginAsync(ct);
        await using var cmd = u.Command("SELECT state, COUNT(*) FROM alerts GROUP BY state");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) totals[Enum.Parse<AlertState>(r.GetString(0))] = Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture);
        return totals;
    }

    /// <summary>A counterparty's alerts, highest score first.</summary>
    public async Task<IReadOnlyList<AlertView>> OfCounterpartyAsync(Actor actor, long counterpartyId, CancellationToken ct)
    {
        CounterpartyRegister.Permit(actor, read: true);
        await using var u = await store.BeginAsync(ct);
        return await AlertDesk.QueryAsync(u, "WHERE a.organisation_id = @o AND a.counterparty_id = @c ORDER BY a.score DESC, a.id", ct, ("o", actor.OrganisationId), ("c", counterpartyId));
    }

    /// <summary>Gives an open alert to a reviewer of the organisation (or takes it back with null), audited.</summary>
    public async Task<AlertView> AssignAsync(Actor actor, long id, string? assignee, CancellationToken ct)
    {
        CounterpartyRegister.Permit(actor);
        await using var u = await store.BeginAsync(ct);
        if (assignee is not null && await u.ScalarAsync("SELECT id FROM users WHERE username = @u AND organisation_id = @o", ct, ("u", assignee), ("o", actor.OrganisationId)) is null)
            throw LicensingException.Bad($"No user {assignee} in this organisation.");
        var before = await u.ScalarAsync("SELECT assignee FROM alerts WHERE id = @id AND organisation_id = @o AND state <> 'Closed'", ct, ("id", id), ("o", actor.OrganisationId));
        if (await u.ScalarAsync("SELECT id FROM alerts WHERE id = @id AND organisation_id = @o AND state <> 'Closed'", ct, ("id", id), ("o", actor.OrganisationId)) is null)
            throw LicensingException.NotFound($"Alert {id} does not exist or is closed.");
        await u.ExecuteAsync("UPDATE alerts SET assignee = @a, updated_at = @now WHERE id = @id", ct, ("a", assignee), ("now", Stamp(u.Now)), ("id", id));
        await u.AuditAsync(actor, "alert.assigned", "alert", id.ToString(CultureInfo.InvariantCulture), before as string, Json.Write(new { assignee }), null, null, ct);
        var view = (await AlertDesk.QueryAsync(u, "WHERE a.id = @id", ct, ("id", id)))[0];
        await u.CommitAsync(ct);
        return view;
    }

    private static (string Where, (string, object?)[] Args) Where(Actor actor, InboxFilter f, DateTimeOffset now)
    {
        var clauses = new List<string> { "a.organisation_id = @o" };
        var args = new List<(string, object?)> { ("o", actor.OrganisationId) };
        void Add(string clause, string name, object value) { clauses.Add(clause); args.Add((name, value)); }
        if (f.State is { } s) Add("a.state = @s", "s", s.ToString());
        if (!string.IsNullOrEmpty(f.Dataset)) Add("a.dataset = @d", "d", f.Dataset);
        if (f.MinScore is { } min) Add("a.score >= @min", "min", min);
        if (f.OlderThanDays is { } days) Add("a.opened_at <= @before", "before", Stamp(now.AddDays(-days)));
        switch (f.Assignee)
        {
            case null or "": break;
            case "nobody": clauses.Add("a.assignee IS NULL"); break;
            case "me": Add("a.assignee = @as", "as", actor.Username); break;
            default: Add("a.assignee = @as", "as", f.Assignee); break;
        }
        return (string.Join(" AND ", clauses), [.. args]);
    }

    private static string Stamp(DateTimeOffset t) => t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}

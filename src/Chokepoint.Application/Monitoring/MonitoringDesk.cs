using Chokepoint.Core.Identity;
using Chokepoint.Licensing;
using Chokepoint.Licensing.Storage;
using Chokepoint.Matching.Screening;
using Chokepoint.Storage;

namespace Chokepoint.Application.Monitoring;

/// <summary>The monitoring module composed once for every host over the record database: the counterparty register,
/// the screening record, the alerts with the reviewer's inbox, and the monitoring run.</summary>
public sealed class MonitoringDesk
{
    private readonly LicensingStore _store;

    private readonly Telemetry.ChokepointMetrics? _metrics;

    public MonitoringDesk(LicensingStore store, MonitoringPolicy policy, Telemetry.ChokepointMetrics? metrics = null)
    {
        _metrics = metrics;
        _store = store;
        Register = new CounterpartyRegister(store);
        Alerts = new AlertDesk(store, policy);
        Inbox = new AlertInbox(store);
        Notices = new Notices(store);
        GoodGuys = new GoodGuys(store);
        Evidence = new Evidence(store);
        Screenings = new ScreeningRecords(store, metrics);
        Run = new MonitoringRun(store, Register, Alerts, Screenings, metrics);
    }

    public CounterpartyRegister Register { get; }
    public AlertDesk Alerts { get; }
    public AlertInbox Inbox { get; }
    public Notices Notices { get; }
    public GoodGuys GoodGuys { get; }
    public Evidence Evidence { get; }
    public ScreeningRecords Screenings { get; }
    public MonitoringRun Run { get; }

    /// <summary>A reviewer's "open a case" on a hit of a screening they just ran: the party is registered (or updated)
    /// under <paramref name="party"/>'s ref, the screening is recorded against it, and the hit raises an alert as a
    /// monitoring run would. Returns the alert's id; null when the same pair is a remembered false positive.</summary>
    public async Task<long?> OpenCaseAsync(Actor actor, Counterparty party, ScreenOptions options, ScreenResult result, ScreenHit hit, ISnapshotStore lists, CancellationToken ct)
    {
        await Register.ImportAsync(actor, [party], "screening", ct);
        var (registered, _) = await Register.ShowAsync(actor, party.Ref, ct);
        var entry = await lists.GetEntityAsync(hit.Snapshot, hit.EntityId, ct) ?? throw LicensingException.NotFound($"Snapshot {hit.Snapshot} has no entry {hit.EntityId}.");
        await using (var u = await _store.BeginAsync(ct))
        {
            var screening = await Screenings.RecordAsync(u, actor, "case", registered.Id, options, result, ct);
            var raised = await Alerts.RaiseAsync(u, registered, hit.List, hit.EntityId, hit.Snapshot, hit.Score, EntryFacts.Of(entry.Entity), screening, ct, by: actor, explanation: hit.Explanation);
            await u.CommitAsync(ct);
            if (raised is Raised.Opened or Raised.Reopened) _metrics?.AlertOpened();
        }
        await using var q = await _store.BeginAsync(ct);
        return await q.ScalarAsync("SELECT id FROM alerts WHERE counterparty_id = @c AND dataset = @d AND source_id = @s", ct,
            ("c", registered.Id), ("d", hit.List), ("s", hit.EntityId)) is { } id ? Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture) : null;
    }
}

using Chokepoint.Licensing.Storage;
using Chokepoint.Storage.Records;

namespace Chokepoint.Application.Monitoring;

/// <summary>The monitoring module composed once for every host over the record database: the counterparty register,
/// the screening record, the alerts and the monitoring run.</summary>
public sealed class MonitoringDesk
{
    public MonitoringDesk(LicensingStore store, MonitoringPolicy policy)
    {
        Register = new CounterpartyRegister(store);
        Alerts = new AlertDesk(store, policy);
        Screenings = new ScreeningRecords(store);
        Run = new MonitoringRun(store, Register, Alerts, Screenings);
    }

    public MonitoringDesk(RecordDatabase database, TimeProvider clock, MonitoringPolicy? policy = null)
        : this(new LicensingStore(database, clock), policy ?? new MonitoringPolicy()) { }

    public CounterpartyRegister Register { get; }
    public AlertDesk Alerts { get; }
    public ScreeningRecords Screenings { get; }
    public MonitoringRun Run { get; }
}

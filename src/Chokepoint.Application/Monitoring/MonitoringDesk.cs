using Chokepoint.Licensing.Storage;

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

    public CounterpartyRegister Register { get; }
    public AlertDesk Alerts { get; }
    public ScreeningRecords Screenings { get; }
    public MonitoringRun Run { get; }
}

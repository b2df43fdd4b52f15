using Chokepoint.Application.Monitoring;

namespace Chokepoint.Server;

/// <summary>Sends due alert notices to the configured webhooks every few seconds (the server's clock); a failed round
/// is logged and the notices stay due. With no webhook configured it does nothing and notices wait in the outbox.</summary>
public sealed class NoticeDelivery(MonitoringDesk desk, IReadOnlyList<Webhook> hooks, ServerOptions options, IHttpClientFactory http, TimeProvider clock, ILogger<NoticeDelivery> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (hooks.Count == 0) return;
        var client = http.CreateClient("webhooks");
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(options.Notifications.EverySeconds), clock, stoppingToken);
                var round = await desk.Notices.DeliverAsync(hooks, client, stoppingToken);
                if (round.Retrying + round.Failed > 0) log.LogWarning("Alert notices: {Round}", round);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "Delivering alert notices failed; they stay due");
            }
        }
    }
}

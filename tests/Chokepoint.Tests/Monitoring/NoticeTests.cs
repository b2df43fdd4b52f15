using System.Collections.Concurrent;
using Chokepoint.Application.Monitoring;
using Chokepoint.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Chokepoint.Tests.Monitoring;

/// <summary>Alert notices: written with their alert, posted signed to a real loopback webhook by the server's own
/// schedule, retried after a failure with the same delivery id, counted in the metrics; bad settings stop the start.</summary>
public sealed class NoticeTests
{
    private const string Secret = "a webhook secret of some length";

    private sealed record Received(string Delivery, string Event, string Timestamp, string Signature, string Body);

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task New_alerts_are_posted_signed_and_a_failed_post_is_retried_with_the_same_id(string kind)
    {
        var received = new ConcurrentQueue<Received>();
        var failedOnce = new ConcurrentDictionary<string, bool>();
        var (receiver, url) = await ServerFactory.PublisherAsync(app => app.MapPost("/hook", async (HttpContext c) =>
        {
            var body = await new StreamReader(c.Request.Body).ReadToEndAsync();
            var delivery = c.Request.Headers["X-Chokepoint-Delivery"].ToString();
            received.Enqueue(new Received(delivery, c.Request.Headers["X-Chokepoint-Event"].ToString(), c.Request.Headers["X-Chokepoint-Timestamp"].ToString(),
                c.Request.Headers["X-Chokepoint-Signature"].ToString(), body));
            return failedOnce.TryAdd(delivery, true) ? Results.StatusCode(503) : Results.Ok(); // every notice fails its first post
        }));
        await using var _ = receiver;
        await using var s = await LicensingServer.StartAsync(kind, settings: new Dictionary<string, string>
        {
            ["Chokepoint:Notifications:Webhooks:0:Url"] = url + "/hook",
            ["Chokepoint:Notifications:Webhooks:0:Secret"] = Secret,
            ["Chokepoint:Notifications:EverySeconds"] = "5",
        });
        await s.OkAsync(HttpMethod.Post, "/api/counterparties", "compliance", new { counterparties = new[] { new { @ref = "C-4", name = "ERIC BADEGE", kind = "person" } } });
        var run = await s.OkAsync(HttpMethod.Post, "/api/monitor", "admin");
        var opened = run.GetProperty("opened").GetInt32();
        Assert.True(opened >= 1);
        Assert.Contains($"chokepoint_notices_pending{{}} {opened}", await MetricsAsync(s));

        await AdvanceUntilAsync(s, () => received.Count >= opened, TimeSpan.FromSeconds(5));   // first posts: refused
        await AdvanceUntilAsync(s, () => received.Count >= 2 * opened, TimeSpan.FromSeconds(35)); // retried after 30 s
        var byDelivery = received.GroupBy(r => r.Delivery).ToList();
        Assert.Equal(opened, byDelivery.Count);
        Assert.All(byDelivery, g => Assert.Equal(2, g.Count()));
        foreach (var r in received)
        {
            Assert.Equal("alert.opened", r.Event);
            Assert.Equal(Notices.Sign(Secret, r.Timestamp, r.Body), r.Signature);
            Assert.NotEqual(Notices.Sign("another secret of the same size", r.Timestamp, r.Body), r.Signature);
            Assert.Contains("\"counterparty\":\"C-4\"", r.Body, StringComparison.Ordinal);
        }
        for (var i = 0; i < 100 && !(await MetricsAsync(s)).Contains("chokepoint_notices_pending{} 0", StringComparison.Ordinal); i++) await Task.Delay(50);
        Assert.Contains("chokepoint_notices_pending{} 0", await MetricsAsync(s));
        // Delivered notices are not sent again.
        s.Clock.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(500);
        Assert.Equal(2 * opened, received.Count);
    }

    [Fact]
    public async Task A_receiver_that_never_answers_is_given_up_after_the_last_attempt()
    {
        await using var s = await LicensingServer.StartAsync(Stores.Sqlite);
        await s.OkAsync(HttpMethod.Post, "/api/counterparties", "compliance", new { counterparties = new[] { new { @ref = "C-4", name = "ERIC BADEGE", kind = "person" } } });
        await s.OkAsync(HttpMethod.Post, "/api/monitor", "admin");
        await using var database = Chokepoint.Storage.Records.RecordDatabase.Open(s.Connection);
        var store = new Chokepoint.Licensing.Storage.LicensingStore(database, s.Clock);
        var notices = new Notices(store);
        using var http = new HttpClient();
        var hooks = new[] { new Webhook("http://127.0.0.1:9/nothing-listens-here", Secret) };
        Delivery last = new(0, 0, 0, 0);
        for (var i = 0; i < Notices.MaxAttempts; i++)
        {
            last = await notices.DeliverAsync(hooks, http, CancellationToken.None);
            s.Clock.Advance(TimeSpan.FromHours(2));
        }
        Assert.True(last.Failed >= 1, last.ToString());
        Assert.Equal(0, await notices.PendingAsync(CancellationToken.None));
        Assert.Equal(new Delivery(0, 0, 0, 0), await notices.DeliverAsync(hooks, http, CancellationToken.None));
    }

    [Theory]
    [InlineData("ftp://hooks.example/x", Secret, "https://")]
    [InlineData("http://hooks.example/x", Secret, "https://")]
    [InlineData("https://hooks.example/x", "short", "at least 16 characters")]
    public async Task Webhook_settings_that_could_not_work_stop_the_start(string url, string secret, string expected)
    {
        var e = await Assert.ThrowsAnyAsync<Exception>(() => LicensingServer.StartAsync(Stores.Sqlite, settings: new Dictionary<string, string>
        {
            ["Chokepoint:Notifications:Webhooks:0:Url"] = url,
            ["Chokepoint:Notifications:Webhooks:0:Secret"] = secret,
        }));
        Assert.Contains(expected, e.ToString(), StringComparison.Ordinal);
    }

    private static async Task<string> MetricsAsync(LicensingServer s)
    {
        using var response = await s.SendAsync(HttpMethod.Get, "/metrics", "admin");
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Moves the server's clock a step at a time until <paramref name="done"/>, at most 30 s of real time.</summary>
    private static async Task AdvanceUntilAsync(LicensingServer s, Func<bool> done, TimeSpan step)
    {
        for (var i = 0; i < 300 && !done(); i++)
        {
            if (i % 10 == 0) s.Clock.Advance(step);
            await Task.Delay(100);
        }
        Assert.True(done(), "the webhook did not receive what was expected");
    }
}

using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Chokepoint.Licensing.Storage;

namespace Chokepoint.Application.Monitoring;

/// <summary>A receiver of alert notices: an HTTPS (or loopback HTTP) address and the secret that signs each notice;
/// for one organisation, or every one when <see cref="Organisation"/> is null.</summary>
public sealed record Webhook(string Url, string Secret, long? Organisation = null)
{
    public void Validate()
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
            throw new ArgumentException($"A webhook address must be https:// (or http:// on loopback); '{Url}' is not.");
        if (Secret.Length < 16) throw new ArgumentException($"The webhook secret for {Url} must have at least 16 characters: it signs every notice.");
    }
}

/// <summary>What one delivery round did.</summary>
public sealed record Delivery(int Delivered, int Retrying, int Failed, int Unrouted);

/// <summary>
/// Notices of alerts, by a transactional outbox: <see cref="EnqueueAsync"/> writes the notice in the unit of work
/// that opens the alert, so a notice exists exactly when its alert does; <see cref="DeliverAsync"/> posts due notices
/// to the organisation's webhook, signed (X-Chokepoint-Signature: sha256=HMAC of "timestamp.body" with the secret),
/// and retries a failure after 30 s, 1, 2, 4 ... minutes (at most an hour) until <see cref="MaxAttempts"/>. Each
/// notice carries its id (X-Chokepoint-Delivery) so a receiver can drop a repeat: delivery is at least once.
/// </summary>
public sealed class Notices(LicensingStore store)
{
    public const int MaxAttempts = 8;
    public const int Batch = 100;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public static async Task EnqueueAsync(UnitOfWork u, long organisation, string @event, object body, CancellationToken ct)
    {
        var now = Stamp(u.Now);
        await u.ExecuteAsync("INSERT INTO outbox (organisation_id, event, body, created_at, attempts, next_attempt_at) VALUES (@o, @e, @b, @now, 0, @now)", ct,
            ("o", organisation), ("e", @event), ("b", Chokepoint.Licensing.Json.Write(body)), ("now", now));
    }

    public async Task<Delivery> DeliverAsync(IReadOnlyList<Webhook> hooks, HttpClient http, CancellationToken ct)
    {
        var now = store.Clock.GetUtcNow();
        var due = new List<(long Id, long Organisation, string Event, string Body, int Attempts, string Next)>();
        await using (var u = await store.BeginAsync(ct))
        {
            await using var cmd = u.Command("SELECT id, organisation_id, event, body, attempts, next_attempt_at FROM outbox " +
                "WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= @now ORDER BY id LIMIT @n", ("now", Stamp(now)), ("n", Batch));
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) due.Add((r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetInt32(4), r.GetString(5)));
        }
        var (delivered, retrying, failed, unrouted) = (0, 0, 0, 0);
        foreach (var notice in due)
        {
            // Taken with a lease, so that two servers on one database do not both send it.
            if (await SetAsync("next_attempt_at = @lease", notice.Id, notice.Next, ct, ("lease", Stamp(now + Lease))) != 1) continue;
            var hook = hooks.FirstOrDefault(h => h.Organisation == notice.Organisation) ?? hooks.FirstOrDefault(h => h.Organisation is null);
            if (hook is null)
            {
                await SetAsync("delivered_at = @at, last_error = @why", notice.Id, Stamp(now + Lease), ct, ("at", Stamp(now)), ("why", "no webhook for this organisation"));
                unrouted++;
                continue;
            }
            var error = await PostAsync(http, hook, notice.Id, notice.Event, notice.Body, now, ct);
            var attempts = notice.Attempts + 1;
            if (error is null)
            {
                await SetAsync("delivered_at = @at, attempts = @a, last_error = NULL", notice.Id, Stamp(now + Lease), ct, ("at", Stamp(now)), ("a", attempts));
                delivered++;
            }
            else if (attempts >= MaxAttempts)
            {
                await SetAsync("failed_at = @at, attempts = @a, last_error = @why", notice.Id, Stamp(now + Lease), ct, ("at", Stamp(now)), ("a", attempts), ("why", error));
                failed++;
            }
            else
            {
                var wait = TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, attempts - 1)));
                await SetAsync("next_attempt_at = @next, attempts = @a, last_error = @why", notice.Id, Stamp(now + Lease), ct, ("next", Stamp(now + wait)), ("a", attempts), ("why", error));
                retrying++;
            }
        }
        return new Delivery(delivered, retrying, failed, unrouted);
    }

    /// <summary>Notices not yet delivered nor given up, for the metrics.</summary>
    public async Task<int> PendingAsync(CancellationToken ct)
    {
        await using var u = await store.BeginAsync(ct);
        return Convert.ToInt32(await u.ScalarAsync("SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND failed_at IS NULL", ct), CultureInfo.InvariantCulture);
    }

    /// <summary>The signature a receiver recomputes: hex HMAC-SHA256 of "timestamp.body" under the secret.</summary>
    public static string Sign(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));

    private static async Task<string?> PostAsync(HttpClient http, Webhook hook, long id, string @event, string body, DateTimeOffset now, CancellationToken ct)
    {
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Chokepoint-Event", @event);
        request.Headers.Add("X-Chokepoint-Delivery", id.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Chokepoint-Timestamp", timestamp);
        request.Headers.Add("X-Chokepoint-Signature", Sign(hook.Secret, timestamp, body));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Chokepoint", "0.1"));
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            using var response = await http.SendAsync(request, timeout.Token);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return e is TaskCanceledException ? "no answer within 10 s" : e.Message;
        }
    }

    private async Task<int> SetAsync(string assignments, long id, string expectedNext, CancellationToken ct, params (string, object?)[] args)
    {
        await using var u = await store.BeginAsync(ct);
        var changed = await u.ExecuteAsync($"UPDATE outbox SET {assignments} WHERE id = @id AND next_attempt_at = @was", ct, [.. args, ("id", id), ("was", expectedNext)]);
        await u.CommitAsync(ct);
        return changed;
    }

    private static string Stamp(DateTimeOffset t) => t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}

using System.Diagnostics;
using System.Text;

namespace Chokepoint.Bench;

/// <summary>
/// A bounded open-loop load on a running server, loopback only: requests start at a fixed rate whatever the answers'
/// speed (so slow answers cannot hide as lower load), for a fixed count, then it stops. Reports latency percentiles.
/// </summary>
internal static class HttpLoad
{
    public static async Task RunAsync(string url, string key, int rate, int seconds)
    {
        var uri = new Uri(url);
        if (!uri.IsLoopback) throw new ArgumentException("Load tests target loopback only.");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        string[] names = ["Vladimir Putin", "Parchin Chemical Industries", "Zala Aero LLC", "John Smith", "Mohammed Ali", "Rostec", "Maria Garcia"];
        var total = rate * seconds;
        var latencies = new double[total];
        var failures = 0;
        var tasks = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            var n = i;
            tasks.Add(Task.Run(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                using var request = new HttpRequestMessage(HttpMethod.Post, uri)
                {
                    Content = new StringContent($"{{\"name\":\"{names[n % names.Length]}\"}}", Encoding.UTF8, "application/json"),
                };
                request.Headers.Add("X-Api-Key", key);
                try
                {
                    using var response = await http.SendAsync(request);
                    if (!response.IsSuccessStatusCode) Interlocked.Increment(ref failures);
                    await response.Content.ReadAsByteArrayAsync();
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failures);
                }
                latencies[n] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }));
        }
        await Task.WhenAll(tasks);
        Array.Sort(latencies);
        Console.WriteLine($"| {rate} req/s for {seconds} s ({total:N0} requests) | {latencies[total / 2]:F2} | {latencies[(int)(total * 0.99)]:F2} | {latencies[^1]:F2} | {failures} |");
    }
}

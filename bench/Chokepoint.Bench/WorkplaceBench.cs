using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Chokepoint.Core.Identity;
using Chokepoint.Licensing.Accounts;
using Chokepoint.Licensing.Storage;
using Chokepoint.Sources.Snapshots;
using Chokepoint.Storage;
using Chokepoint.Storage.Records;

namespace Chokepoint.Bench;

/// <summary>
/// The workplace's pages under load of data (issue 13): a database with the UN and OFAC SDN lists and 100,000 alerts
/// of one organisation (10,000 open); the real server started as its own process on a loopback port; a reviewer signed
/// in with the cookie; the dashboard and the inbox fetched 200 times each (after 20 warm-ups), and a 10,000-row batch
/// uploaded, screened and downloaded as xlsx end to end. Times are the whole request seen from the client on loopback.
/// </summary>
internal static partial class WorkplaceBench
{
    public static async Task RunAsync(string server, string data, string? postgres)
    {
        server = Path.GetFullPath(server);
        data = Path.GetFullPath(data);
        if (!File.Exists(server)) throw new FileNotFoundException($"No server at {server}: dotnet build -c Release src/Chokepoint.Server first.");
        var dir = Directory.CreateTempSubdirectory("chokepoint-workplace-bench-");
        var db = postgres ?? Path.Combine(dir.FullName, "workplace.db");
        var ct = CancellationToken.None;
        try
        {
            await using (var lists = await SnapshotStores.OpenAsync(db, ct))
            {
                var importer = new SnapshotImporter(lists, TimeProvider.System);
                foreach (var f in new[] { "un_consolidated/2026-02-27/consolidated.xml", "ofac_sdn/2024-05-03/sdn.csv" })
                    await importer.ImportAsync(Path.Combine(data, f), new ImportOptions(), null, ct);
            }
            await using (var database = RecordDatabase.Open(db))
            {
                await database.MigrateAsync(ct);
                var store = new LicensingStore(database, TimeProvider.System);
                var accounts = new AccountService(store);
                var org = await accounts.CreateOrganisationAsync(Actor.Operator, "Bench Exporter Co., Ltd.", "CN", "exporter", ct);
                await accounts.CreateUserAsync(Actor.Operator, "reviewer", Password, Roles.ComplianceOfficer, org.Id, ct);
                await MonitoringBench.SeedAlertsAsync(store, _ => org.Id, ct);
            }
            var port = FreePort();
            using var process = Process.Start(new ProcessStartInfo("dotnet", [server, "--urls", $"http://127.0.0.1:{port}", "--Chokepoint:Db", db, "--Logging:LogLevel:Default", "Warning"])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir.FullName,
            })!;
            process.OutputDataReceived += (_, _) => { };
            var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
            process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) errors.Enqueue(line); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
                    { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
                await WaitReadyAsync(http, process, errors);
                await SignInAsync(http);
                Console.WriteLine("| page | data | median ms | p95 ms | max ms |");
                Console.WriteLine("|---|---|---:|---:|---:|");
                foreach (var path in new[] { "/", "/inbox", "/inbox?state=Open", "/inbox?state=Open&page=100" })
                    await TimeAsync(http, path);
                await BatchAsync(http);
            }
            finally
            {
                process.Kill(entireProcessTree: true);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    private const string Password = "bench password of some length";

    private static async Task TimeAsync(HttpClient http, string path)
    {
        var times = new List<double>();
        for (var i = 0; i < 220; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await http.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{path}: {(int)response.StatusCode}");
            if (i >= 20) times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"| `{path}` | 100,000 alerts | {times[times.Count / 2]:F1} | {times[(int)(times.Count * 0.95)]:F1} | {times[^1]:F1} |");
    }

    private static async Task BatchAsync(HttpClient http)
    {
        var csv = new StringBuilder("name,kind,country\n");
        var random = new Random(20261202);
        string[] first = ["Ivan", "Olga", "Wei", "Li", "Aibek", "Gulnara", "Armen", "Mehmet", "Ahmed", "Sara"];
        string[] last = ["Petrov", "Ivanova", "Zhang", "Chen", "Nurlanov", "Sadykova", "Hakobyan", "Yilmaz", "Hassan", "Karimova"];
        for (var i = 0; i < 10_000; i++)
            csv.Append(i % 2 == 0 ? $"{first[random.Next(10)]} {last[random.Next(10)]},person,KZ\n" : $"Trade House {i} Logistics LLC,organization,AE\n");
        var watch = Stopwatch.StartNew();
        var token = Token(await http.GetStringAsync("/screen/batch"));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString())), "file", "parties.csv" },
        };
        using var posted = await http.PostAsync("/workplace/batches", form);
        var result = posted.Headers.Location?.ToString() ?? throw new InvalidOperationException($"batch: {(int)posted.StatusCode}");
        if (result.Contains("error=", StringComparison.Ordinal)) throw new InvalidOperationException(Uri.UnescapeDataString(result));
        var screened = watch.Elapsed.TotalMilliseconds;
        await http.GetStringAsync(result);
        var bytes = await http.GetByteArrayAsync(result.Replace("/screen/batch/", "/workplace/batches/", StringComparison.Ordinal) + ".xlsx");
        Console.WriteLine();
        Console.WriteLine("| batch | upload + screen + record ms | + result page + xlsx download ms | xlsx bytes |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine($"| 10,000 rows | {screened:F0} | {watch.Elapsed.TotalMilliseconds:F0} | {bytes.Length:N0} |");
    }

    private static async Task SignInAsync(HttpClient http)
    {
        var token = Token(await http.GetStringAsync("/signin"));
        using var response = await http.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin", ["__RequestVerificationToken"] = token, ["Form.Username"] = "reviewer", ["Form.Password"] = Password, ["Form.ReturnUrl"] = "/",
        }));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"sign-in: {(int)response.StatusCode}");
    }

    private static async Task WaitReadyAsync(HttpClient http, Process process, IEnumerable<string> errors)
    {
        for (var i = 0; i < 600; i++)
        {
            if (process.HasExited) throw new InvalidOperationException("The server stopped: " + string.Join("\n", errors));
            try
            {
                using var r = await http.GetAsync("/readyz");
                if (r.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The server did not become ready within 60 s.");
    }

    private static string Token(string html) => TokenField().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("no antiforgery token on the page");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    private static int FreePort()
    {
        using var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

using System.Diagnostics;
using Chokepoint.Application.Monitoring;
using Chokepoint.Core.Identity;
using Chokepoint.Core.Listings;
using Chokepoint.Licensing.Storage;
using Chokepoint.Sources.Snapshots;
using Chokepoint.Storage;
using Chokepoint.Storage.Records;

namespace Chokepoint.Bench;

/// <summary>
/// List-to-alert latency (issue 12) on a fresh SQLite file: N synthetic counterparties (person names recombined from
/// real first and last names, companies made of list words and legal forms; seeded) with 300 names first listed in
/// the 2024 SDN list planted; the register imported; a full run against OFAC 2021-07-07; then the 2024-05-03 set
/// activated and the delta run timed; then a weekly-sized change (50 entries renamed) and its run timed. On a given
/// PostgreSQL database instead, which must be empty.
/// </summary>
internal static class MonitoringBench
{
    private static readonly string[] Forms = ["LLC", "LTD", "GmbH", "Co., Ltd.", "TOO", "OOO", "A.S.", "FZE", "Inc.", "JSC"];

    public static async Task RunAsync(string data, int count, string? postgres)
    {
        var dir = Directory.CreateTempSubdirectory("chokepoint-monitor-bench-");
        var db = postgres ?? Path.Combine(dir.FullName, "bench.db");
        try
        {
            var ct = CancellationToken.None;
            await using var lists = await SnapshotStores.OpenAsync(db, ct);
            var importer = new SnapshotImporter(lists, TimeProvider.System);
            var old = await importer.ImportAsync(Path.Combine(data, "ofac_sdn/2021-07-07/sdn.csv"), new ImportOptions(), null, ct);
            var before = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var e in lists.ReadEntitiesAsync(old.Snapshot.Id, ct)) before.Add(e.Entity.SourceId);
            var entities = LocalLists.Read([Path.Combine(data, "ofac_sdn/2024-05-03/sdn.csv")]).Select(x => x.Entity).ToList();
            var planted = entities.Where(e => !before.Contains(e.SourceId)).Take(300).ToList();
            var parties = Synthetic(entities, count - planted.Count)
                .Concat(planted.Select((e, i) => new Counterparty($"P-{i}", e.PrimaryName, e.Kind is EntityKind.Person ? EntityKind.Person : EntityKind.Organization)))
                .ToList();

            await using var database = RecordDatabase.Open(db);
            var store = new LicensingStore(database, TimeProvider.System);
            await store.EnsureSchemaAsync(ct);
            var desk = new MonitoringDesk(store, new MonitoringPolicy());
            var watch = Stopwatch.StartNew();
            await desk.Register.ImportAsync(Actor.Operator, parties, "bench", ct);
            var registered = watch.Elapsed;
            var full = await desk.Run.RunAsync(lists, full: false, ct);

            var current = await importer.ImportAsync(Path.Combine(data, "ofac_sdn/2024-05-03/sdn.csv"), new ImportOptions { AcceptDrop = true }, null, ct);
            var diff = await SnapshotDiff.CompareAsync(lists, old.Snapshot.Id, current.Snapshot.Id, ct);
            var (delta, deltaIndex) = await ServedAsync(desk, lists, ct);

            var weekly = Path.Combine(dir.FullName, "2024-05-10", "sdn.csv");
            Directory.CreateDirectory(Path.GetDirectoryName(weekly)!);
            var text = File.ReadAllText(Path.Combine(data, "ofac_sdn/2024-05-03/sdn.csv"));
            foreach (var line in text.Split('\n').Where((_, i) => i % 100 == 0).Take(50))
                if (System.Text.RegularExpressions.Regex.Match(line, "^[0-9]+,\"[^\"]+\"") is { Success: true } m)
                    text = text.Replace(m.Value, m.Value[..^1] + " X\"", StringComparison.Ordinal);
            File.WriteAllText(weekly, text);
            await importer.ImportAsync(weekly, new ImportOptions { AcceptDrop = true }, null, ct);
            var (small, smallIndex) = await ServedAsync(desk, lists, ct);

            Console.WriteLine($"| measure | value |");
            Console.WriteLine($"|---|---:|");
            Console.WriteLine($"| counterparties registered | {parties.Count:N0} ({registered.TotalSeconds:F1} s, {parties.Count / registered.TotalSeconds:N0} rows/s) |");
            Console.WriteLine($"| full run against OFAC 2021-07-07 | {full.Elapsed.TotalSeconds:F1} s, {full.Opened:N0} alerts |");
            Console.WriteLine($"| delta 2021-07-07 → 2024-05-03 ({diff.Added.Count + diff.Changed.Count:N0} added or changed) | {delta.Elapsed.TotalSeconds:F1} s (+ {deltaIndex.TotalSeconds:F1} s index), {delta.Screened:N0} screened, {delta.Opened:N0} alerts opened, {delta.Reopened:N0} re-opened |");
            Console.WriteLine($"| weekly-sized delta (50 entries renamed) | {small.Elapsed.TotalSeconds:F1} s (+ {smallIndex.TotalSeconds:F1} s index), {small.Screened:N0} screened, {small.Opened:N0} opened, {small.Reopened:N0} re-opened |");
            Console.WriteLine($"| peak working set | {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20):N0} MB |");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    /// <summary>A run as the server makes it after a list change: the index it serves with is built first (it does that
    /// to screen anyway) and handed to the run; both times are returned.</summary>
    private static async Task<(MonitoringReport Report, TimeSpan Index)> ServedAsync(MonitoringDesk desk, ISnapshotStore lists, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var index = await Chokepoint.Application.Lists.ActiveIndex.BuildAsync(lists, ct);
        var built = watch.Elapsed;
        return (await desk.Run.RunAsync(lists, full: false, ct, index), built);
    }

    /// <summary>Alert inbox latency: 100,000 alerts of 10 organisations (a tenth open), the open alerts of one
    /// organisation read 200 times (first page of 1,000); median and p99.</summary>
    public static async Task InboxAsync(string? postgres)
    {
        var dir = Directory.CreateTempSubdirectory("chokepoint-inbox-bench-");
        var target = postgres ?? Path.Combine(dir.FullName, "inbox.db");
        try
        {
            var ct = CancellationToken.None;
            await using var database = RecordDatabase.Open(target);
            await database.MigrateAsync(ct);
            var store = new LicensingStore(database, TimeProvider.System);
            await SeedAlertsAsync(store, n => n % 10, ct);
            var desk = new AlertDesk(store, new MonitoringPolicy());
            var reviewer = new Actor(1, "bench", Roles.ComplianceOfficer, 3);
            var times = new List<double>();
            for (var i = 0; i < 220; i++)
            {
                var watch = Stopwatch.StartNew();
                var open = await desk.ListAsync(reviewer, AlertState.Open, ct);
                if (i >= 20) times.Add(watch.Elapsed.TotalMilliseconds);
                if (open.Count == 0) throw new InvalidOperationException("no open alert found");
            }
            times.Sort();
            Console.WriteLine($"| {(postgres is null ? "SQLite" : "PostgreSQL")} | 100,000 | {times[times.Count / 2]:F1} | {times[(int)(times.Count * 0.99)]:F1} |");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    /// <summary>10,000 counterparties and 100,000 alerts (one in ten open), each in the organisation
    /// <paramref name="organisation"/> gives its number.</summary>
    public static async Task SeedAlertsAsync(LicensingStore store, Func<int, long> organisation, CancellationToken ct)
    {
        var entry = Chokepoint.Licensing.Json.Write(new EntryFacts(["ACME TRADING LLC"], [], ["RU"], [], []));
        var now = DateTimeOffset.UtcNow;
        await using var u = await store.BeginAsync(ct);
        for (var c = 1; c <= 10_000; c++)
            await u.ExecuteAsync("INSERT INTO counterparties (organisation_id, ref, name, digest, version, updated_at) VALUES (@o, @r, @n, 'd', 1, 'x')", ct,
                ("o", organisation(c)), ("r", $"C-{c}"), ("n", $"Counterparty {c}"));
        var firstId = Convert.ToInt64(await u.ScalarAsync("SELECT MIN(id) FROM counterparties", ct), System.Globalization.CultureInfo.InvariantCulture);
        for (var a = 0; a < 100_000; a++)
        {
            var opened = now.AddMinutes(-a).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            await u.ExecuteAsync("INSERT INTO alerts (organisation_id, counterparty_id, dataset, source_id, snapshot_id, score, party_digest, entry_digest, entry, state, changes, explanation, opened_at, updated_at) " +
                "VALUES (@o, @c, 'us-ofac-sdn', @s, 1, @score, 'p', 'e', @entry, @st, '[]', 'name 0.91 via transliteration', @at, @at)", ct,
                ("o", organisation(a % 10_000 + 1)), ("c", firstId + (a % 10_000)), ("s", $"E-{a / 10_000}"), ("score", 0.85 + (a % 15) / 100.0), ("entry", entry),
                ("st", a / 10 % 10 == 3 ? "Open" : "Closed"), ("at", opened));
        }
        await u.CommitAsync(ct);
    }

    private static IEnumerable<Counterparty> Synthetic(IReadOnlyList<ListedEntity> entities, int count)
    {
        var people = entities.Where(e => e.Kind == EntityKind.Person).Select(e => e.PrimaryName.Replace(",", "", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(p => p.Length >= 2).ToArray();
        var words = entities.Where(e => e.Kind == EntityKind.Organization).SelectMany(e => e.PrimaryName.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.Length > 3 && w.All(char.IsLetter)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var random = new Random(20261202);
        for (var i = 0; i < count; i++)
            yield return random.NextDouble() < 0.5
                ? new Counterparty($"S-{i}", $"{people[random.Next(people.Length)][0]} {people[random.Next(people.Length)][^1]}", EntityKind.Person)
                : new Counterparty($"S-{i}", $"{words[random.Next(words.Length)]} {words[random.Next(words.Length)]} {words[random.Next(words.Length)]} {Forms[random.Next(Forms.Length)]}", EntityKind.Organization);
    }
}

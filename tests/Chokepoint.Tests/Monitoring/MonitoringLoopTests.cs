using Chokepoint.Application.Monitoring;
using Chokepoint.Core.Identity;
using Chokepoint.Core.Listings;
using Chokepoint.Licensing;
using Chokepoint.Licensing.Accounts;
using Chokepoint.Licensing.Audit;
using Chokepoint.Licensing.Storage;
using Chokepoint.Sources.Snapshots;
using Chokepoint.Storage;
using Chokepoint.Storage.Records;
using Chokepoint.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Chokepoint.Tests.Monitoring;

/// <summary>The monitoring loop on the real OFAC lists: counterparties screened when a list changes, alerts decided
/// under four eyes, decisions remembered until the entry changes, screenings replayed, every step in the trail.</summary>
public sealed class MonitoringLoopTests
{
    private sealed record Loop(TestStore Lists, RecordDatabase Database, LicensingStore Store, MonitoringDesk Desk, Actor Reviewer, Actor Approver, Actor Reviewer2) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Database.DisposeAsync();
            await Lists.DisposeAsync();
        }
    }

    private static async Task<Loop> StartAsync(string backend)
    {
        var lists = await TestStore.CreateAsync(backend);
        var database = RecordDatabase.Open(lists.Connection);
        var store = new LicensingStore(database, new FakeTimeProvider(new DateTimeOffset(2024, 5, 6, 9, 0, 0, TimeSpan.Zero)));
        await store.EnsureSchemaAsync(CancellationToken.None);
        var accounts = new AccountService(store);
        var org = (await accounts.CreateOrganisationAsync(Actor.Operator, "Almaty Machine Tools LLP", "KZ", "exporter", CancellationToken.None)).Id;
        async Task<Actor> User(string name, string role)
        {
            await accounts.CreateUserAsync(Actor.Operator, name, "correct horse battery staple", role, org, CancellationToken.None);
            return await accounts.ActAsAsync(name, CancellationToken.None);
        }
        return new Loop(lists, database, store, new MonitoringDesk(store, new MonitoringPolicy()),
            await User("reviewer", Roles.ComplianceOfficer), await User("approver", Roles.Administrator), await User("reviewer2", Roles.ComplianceOfficer));
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_list_change_alerts_exactly_its_new_entries_and_decisions_hold_until_the_entry_changes(string backend)
    {
        await using var loop = await StartAsync(backend);
        var ct = CancellationToken.None;
        var old = await loop.Lists.ImportAsync(TestData.Sdn2021);

        // Counterparties: three organisations first listed in 2024, one listed since 2021, two that are on no list.
        var newcomers = await NewOrganisationsAsync(loop.Lists, old.Snapshot.Id);
        var (oldId, oldName) = ("306", "BANCO NACIONAL DE CUBA");
        var register = new List<Counterparty>
        {
            new("C-1", newcomers[0].Name, EntityKind.Organization), new("C-2", newcomers[1].Name, EntityKind.Organization),
            new("C-3", newcomers[2].Name, EntityKind.Organization), new("C-4", oldName, EntityKind.Organization),
            new("C-5", "Harbin Precision Bearings Trading Co", EntityKind.Organization, "CN"), new("C-6", "Astana Logistics Partners LLP", EntityKind.Organization, "KZ"),
        };
        Assert.Equal(new CounterpartyImport(6, 0, 0), await loop.Desk.Register.ImportAsync(loop.Reviewer, register, "erp", ct));
        Assert.Equal(new CounterpartyImport(0, 0, 6), await loop.Desk.Register.ImportAsync(loop.Reviewer, register, "erp", ct)); // idempotent by ref

        // The first run screens everything against the 2021 list: only the long-listed bank alerts.
        var first = await loop.Desk.Run.RunAsync(loop.Lists.Store, full: false, ct);
        var alerts = await loop.Desk.Alerts.ListAsync(loop.Reviewer, null, ct);
        Assert.Contains(alerts, a => a.CounterpartyRef == "C-4" && a.SourceId == oldId);
        Assert.DoesNotContain(alerts, a => a.CounterpartyRef is "C-5" or "C-6");
        var afterFirst = alerts.Count;
        Assert.Equal(afterFirst, first.Opened);

        // The 2024 list becomes active: the newcomers alert on exactly their new entries; nothing that did not change alerts again.
        var current = await loop.Lists.ImportAsync(TestData.Sdn2024, new ImportOptions { AcceptDrop = true });
        Assert.True(current.Snapshot.Active);
        var delta = await loop.Desk.Run.RunAsync(loop.Lists.Store, full: false, ct);
        Assert.Equal([current.Snapshot.Id.Value], delta.Snapshots);
        alerts = await loop.Desk.Alerts.ListAsync(loop.Reviewer, null, ct);
        var opened = alerts.Skip(afterFirst).ToList();
        Assert.Equal(delta.Opened, opened.Count);
        for (var i = 0; i < 3; i++)
            Assert.Contains(opened, a => a.CounterpartyRef == $"C-{i + 1}" && a.SourceId == newcomers[i].Id && a.Snapshot == current.Snapshot.Id.Value);
        var changedOrAdded = (await SnapshotDiff.CompareAsync(loop.Lists.Store, old.Snapshot.Id, current.Snapshot.Id, ct)) is var diff
            ? diff.Added.Concat(diff.Changed).Select(e => e.SourceId).ToHashSet() : [];
        Assert.All(opened, a => Assert.Contains(a.SourceId, changedOrAdded));
        Assert.DoesNotContain(opened, a => a.CounterpartyRef is "C-5" or "C-6");
        Assert.Empty((await loop.Desk.Run.RunAsync(loop.Lists.Store, full: false, ct)).Snapshots); // nothing new: nothing to do

        // Four eyes: a false positive waits for a second person of another role; nobody approves their own.
        var target = opened.First(a => a.CounterpartyRef == "C-1");
        var decided = await loop.Desk.Alerts.DecideAsync(loop.Reviewer, target.Id, AlertDecision.FalsePositive, "different company: other registration number", ct);
        Assert.Equal(AlertState.AwaitingApproval, decided.State);
        var own = await Assert.ThrowsAsync<LicensingException>(() => loop.Desk.Alerts.ApproveAsync(loop.Reviewer, target.Id, ct));
        Assert.Equal(Failure.Forbidden, own.Failure);
        var sameRole = await Assert.ThrowsAsync<LicensingException>(() => loop.Desk.Alerts.ApproveAsync(loop.Reviewer2, target.Id, ct));
        Assert.Contains("another role", sameRole.Message);
        Assert.Equal(AlertState.Closed, (await loop.Desk.Alerts.ApproveAsync(loop.Approver, target.Id, ct)).State);
        var again = await Assert.ThrowsAsync<LicensingException>(() => loop.Desk.Alerts.DecideAsync(loop.Reviewer, target.Id, AlertDecision.TrueMatch, "second thoughts", ct));
        Assert.Equal(Failure.Conflict, again.Failure);

        // Re-importing the same set, and a full re-screen, open nothing for the decided pair.
        var same = await loop.Lists.ImportAsync(TestData.Sdn2024, new ImportOptions { AcceptDrop = true });
        Assert.Equal(current.Snapshot.Id, same.Snapshot.Id);
        var full = await loop.Desk.Run.RunAsync(loop.Lists.Store, full: true, ct);
        Assert.Equal(0, full.Opened);
        Assert.True(full.Remembered >= 1);
        Assert.Equal(AlertState.Closed, (await loop.Desk.Alerts.ShowAsync(loop.Reviewer, target.Id, ct)).State);

        // The entry changes (its publisher renames it): the alert re-opens and says what changed.
        var changed = ChangedSdn(loop.Lists.Scratch, target.SourceId, newcomers[0].Name, newcomers[0].Name + " LIMITED");
        var next = await loop.Lists.Importer.ImportAsync(changed, new ImportOptions { AcceptDrop = true }, null, ct);
        Assert.True(next.Snapshot.Active);
        var reopenRun = await loop.Desk.Run.RunAsync(loop.Lists.Store, full: false, ct);
        Assert.Equal(1, reopenRun.Reopened);
        Assert.True(reopenRun.Screened < reopenRun.Counterparties, $"{reopenRun}"); // one entry changed: not every party can match it
        var reopened = await loop.Desk.Alerts.ShowAsync(loop.Reviewer, target.Id, ct);
        Assert.Equal(AlertState.Open, reopened.State);
        Assert.Null(reopened.Decision);
        Assert.Contains(reopened.Changes, c => c.Contains("+ " + newcomers[0].Name + " LIMITED", StringComparison.Ordinal) && c.StartsWith("names:", StringComparison.Ordinal));

        // The stored screening behind the alert replays identically; every step is in an intact trail.
        var replay = await loop.Desk.Screenings.ReplayAsync(loop.Reviewer, reopened.Screening!.Value, loop.Lists.Store, ct);
        Assert.True(replay.Identical, string.Join("; ", replay.Differences));
        var audit = new AuditService(loop.Store);
        var report = await audit.VerifyAsync(Actor.Operator, ct);
        Assert.True(report.Intact, string.Join("; ", report.Breaks.Select(b => b.Problem)));
        var trail = await audit.ExportAsync(Actor.Operator, "csv", ct);
        foreach (var action in new[] { "counterparties.imported", "alert.opened", "alert.decided", "alert.approved", "alert.reopened" })
            Assert.Contains(action, trail);
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Two_decisions_racing_on_one_alert_one_wins(string backend)
    {
        await using var loop = await StartAsync(backend);
        var ct = CancellationToken.None;
        await loop.Lists.ImportAsync(TestData.Sdn2021);
        await loop.Desk.Register.ImportAsync(loop.Reviewer, [new Counterparty("C-4", "BANCO NACIONAL DE CUBA", EntityKind.Organization)], null, ct);
        await loop.Desk.Run.RunAsync(loop.Lists.Store, full: false, ct);
        var alert = (await loop.Desk.Alerts.ListAsync(loop.Reviewer, AlertState.Open, ct)).First(a => a.SourceId == "306");
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await loop.Desk.Alerts.DecideAsync(i % 2 == 0 ? loop.Reviewer : loop.Reviewer2, alert.Id, i % 2 == 0 ? AlertDecision.TrueMatch : AlertDecision.FalsePositive, $"decision {i}", ct);
                return true;
            }
            catch (LicensingException e) when (e.Failure == Failure.Conflict) { return false; }
        })));
        Assert.Equal(1, results.Count(r => r));
        var trail = await new AuditService(loop.Store).ExportAsync(Actor.Operator, "csv", ct);
        Assert.Single(trail.Split('\n'), l => l.Contains("alert.decided", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_changed_counterparty_gets_a_new_version_and_every_version_is_kept(string backend)
    {
        await using var loop = await StartAsync(backend);
        var ct = CancellationToken.None;
        var first = new Counterparty("C-1", "Astana Logistics Partners LLP", EntityKind.Organization, "KZ", Address: "Astana");
        await loop.Desk.Register.ImportAsync(loop.Reviewer, [first, new Counterparty("C-2", "Other LLP")], "erp", ct);
        var moved = first with { Address = "Almaty, Abay 10" };
        Assert.Equal(new CounterpartyImport(0, 1, 1), await loop.Desk.Register.ImportAsync(loop.Reviewer, [moved, new Counterparty("C-2", "Other LLP")], "erp", ct));
        var (current, versions) = await loop.Desk.Register.ShowAsync(loop.Reviewer, "C-1", ct);
        Assert.Equal(2, current.Version);
        Assert.Equal("Almaty, Abay 10", current.Party.Address);
        Assert.Equal(["Astana", "Almaty, Abay 10"], versions.Select(v => v.Party.Address));
        Assert.All(versions, v => Assert.Equal("reviewer", v.ChangedBy));
        Assert.Equal(Failure.NotFound, (await Assert.ThrowsAsync<LicensingException>(() => loop.Desk.Register.ShowAsync(loop.Reviewer, "C-9", ct))).Failure);
    }

    [Fact]
    public async Task An_auditor_reads_alerts_but_decides_nothing_and_another_organisation_sees_none()
    {
        await using var loop = await StartAsync(Stores.Sqlite);
        var ct = CancellationToken.None;
        await loop.Lists.ImportAsync(TestData.Sdn2021);
        await loop.Desk.Register.ImportAsync(loop.Reviewer, [new Counterparty("C-4", "BANCO NACIONAL DE CUBA", EntityKind.Organization)], null, ct);
        await loop.Desk.Run.RunAsync(loop.Lists.Store, full: false, ct);
        var alert = (await loop.Desk.Alerts.ListAsync(loop.Reviewer, null, ct)).First();
        var accounts = new AccountService(loop.Store);
        var org = (await accounts.CreateOrganisationAsync(Actor.Operator, "Other Exporter", "KZ", "exporter", ct)).Id;
        await accounts.CreateUserAsync(Actor.Operator, "auditor", "correct horse battery staple", Roles.Auditor, 1, ct);
        await accounts.CreateUserAsync(Actor.Operator, "stranger", "correct horse battery staple", Roles.ComplianceOfficer, org, ct);
        var auditor = await accounts.ActAsAsync("auditor", ct);
        Assert.NotEmpty(await loop.Desk.Alerts.ListAsync(auditor, null, ct));
        Assert.Equal(Failure.Forbidden, (await Assert.ThrowsAsync<LicensingException>(() => loop.Desk.Alerts.DecideAsync(auditor, alert.Id, AlertDecision.TrueMatch, "x", ct))).Failure);
        Assert.Equal(Failure.Forbidden, (await Assert.ThrowsAsync<LicensingException>(() => loop.Desk.Register.ImportAsync(auditor, [new Counterparty("X", "X")], null, ct))).Failure);
        var stranger = await accounts.ActAsAsync("stranger", ct);
        Assert.Empty(await loop.Desk.Alerts.ListAsync(stranger, null, ct));
        Assert.Equal(Failure.NotFound, (await Assert.ThrowsAsync<LicensingException>(() => loop.Desk.Alerts.ShowAsync(stranger, alert.Id, ct))).Failure);
        Assert.Equal(Failure.BadRequest, (await Assert.ThrowsAsync<LicensingException>(() => loop.Desk.Alerts.DecideAsync(loop.Reviewer, alert.Id, AlertDecision.TrueMatch, " ", ct))).Failure);
    }

    /// <summary>Organisations in the 2024 SDN list and not in the 2021 one, with names of three words or more.</summary>
    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_counterparty_registered_or_changed_after_a_run_is_screened_against_every_entry_at_the_next(string backend)
    {
        await using var loop = await StartAsync(backend);
        var ct = CancellationToken.None;
        await loop.Lists.ImportAsync(TestData.Sdn2021);
        await loop.Desk.Register.ImportAsync(loop.Reviewer, [new("C-1", "Astana Logistics Partners LLP", EntityKind.Organization, "KZ")], "erp", ct);
        var first = await loop.Desk.Run.RunAsync(loop.Lists.Store, full: false, ct);
        Assert.Equal((1, 0), (first.Screened, first.Opened));

        // No list changed, but a counterparty long listed is onboarded: the next run screens it, and only it.
        await loop.Desk.Register.ImportAsync(loop.Reviewer, [new("C-2", "BANCO NACIONAL DE CUBA", EntityKind.Organization)], "erp", ct);
        var onboarded = await loop.Desk.Run.RunAsync(loop.Lists.Store, full: false, ct);
        Assert.Empty(onboarded.Snapshots);
        Assert.Equal((2, 1), (onboarded.Counterparties, onboarded.Screened));
        Assert.Contains(await loop.Desk.Alerts.ListAsync(loop.Reviewer, null, ct), a => a.CounterpartyRef == "C-2" && a.SourceId == "306");
        Assert.Equal(0, (await loop.Desk.Run.RunAsync(loop.Lists.Store, full: false, ct)).Screened);

        // A counterparty renamed to a listed name is screened again in its new form.
        await loop.Desk.Register.ImportAsync(loop.Reviewer, [new("C-1", "BANCO NACIONAL DE CUBA", EntityKind.Organization, "KZ")], "erp", ct);
        var renamed = await loop.Desk.Run.RunAsync(loop.Lists.Store, full: false, ct);
        Assert.Equal((1, 1), (renamed.Screened, renamed.Opened));
        Assert.Contains(await loop.Desk.Alerts.ListAsync(loop.Reviewer, null, ct), a => a.CounterpartyRef == "C-1" && a.SourceId == "306");
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_large_register_is_imported_changed_and_marked_screened_in_batches_and_a_bad_import_leaves_nothing(string backend)
    {
        await using var loop = await StartAsync(backend);
        var ct = CancellationToken.None;
        await loop.Lists.ImportAsync(TestData.Sdn2021);
        var parties = Enumerable.Range(0, 2500).Select(i => new Counterparty($"R-{i}", $"Register Test Company {i}", EntityKind.Organization)).ToList();
        Assert.Equal(new CounterpartyImport(2500, 0, 0), await loop.Desk.Register.ImportAsync(loop.Reviewer, parties, "erp", ct));
        // More than one batch of changes: every changed counterparty gets its second version, and nothing else moves.
        var renamed = parties.Select((p, i) => i % 2 == 0 ? p with { Name = p.Name + " Renamed" } : p).Append(new Counterparty("R-new", "Register Newcomer", EntityKind.Organization)).ToList();
        Assert.Equal(new CounterpartyImport(1, 1250, 1250), await loop.Desk.Register.ImportAsync(loop.Reviewer, renamed, "erp", ct));
        var (current, versions) = await loop.Desk.Register.ShowAsync(loop.Reviewer, "R-1248", ct);
        Assert.Equal((2, "Register Test Company 1248 Renamed"), (current.Version, current.Party.Name));
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Single((await loop.Desk.Register.ShowAsync(loop.Reviewer, "R-new", ct)).Versions);
        Assert.Equal(2501 + 1250, Convert.ToInt32(await ScalarAsync(loop, "SELECT COUNT(*) FROM counterparty_versions"), System.Globalization.CultureInfo.InvariantCulture));

        // A run marks all 2,501 screened (in batches), so the next finds nobody to screen.
        Assert.Equal(2501, (await loop.Desk.Run.RunAsync(loop.Lists.Store, full: false, ct)).Screened);
        Assert.Equal(0, Convert.ToInt32(await ScalarAsync(loop, "SELECT COUNT(*) FROM counterparties WHERE screened_version <> version"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, (await new MonitoringDesk(loop.Store, new MonitoringPolicy()).Run.RunAsync(loop.Lists.Store, full: false, ct)).Screened);

        // An import with a reference twice is refused whole: no row, no version of it stays.
        var twice = new[] { new Counterparty("D-1", "Doubled Ltd", EntityKind.Organization), new Counterparty("D-2", "Fine Ltd"), new Counterparty("D-1", "Doubled Again Ltd") };
        var refused = await Assert.ThrowsAsync<LicensingException>(() => loop.Desk.Register.ImportAsync(loop.Reviewer, twice, "erp", ct));
        Assert.Contains("'D-1' is given 2 times", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, Convert.ToInt32(await ScalarAsync(loop, "SELECT COUNT(*) FROM counterparties WHERE ref LIKE 'D-%'"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_run_killed_midway_is_run_again_without_a_duplicate_or_a_lost_alert(string backend)
    {
        await using var loop = await StartAsync(backend);
        var ct = CancellationToken.None;
        var old = await loop.Lists.ImportAsync(TestData.Sdn2021);
        var listed = new List<(string Id, string Name)>();
        await foreach (var e in loop.Lists.Store.ReadEntitiesAsync(old.Snapshot.Id, ct))
            if (e.Entity.Kind == EntityKind.Organization && e.Entity.PrimaryName.Split(' ').Length >= 3 && listed.Count < 6) listed.Add((e.Entity.SourceId, e.Entity.PrimaryName));
        await loop.Desk.Register.ImportAsync(loop.Reviewer, [.. listed.Select((l, i) => new Counterparty($"K-{i}", l.Name, EntityKind.Organization))], "erp", ct);

        // The database refuses the third alert, as a run killed there would leave it: two alerts stored, the snapshot
        // not marked monitored, no counterparty marked screened.
        await using (var u = await loop.Store.BeginAsync(ct))
        {
            if (backend == Stores.Postgres)
            {
                await u.ExecuteAsync("CREATE FUNCTION kill_run() RETURNS trigger AS $$ BEGIN IF (SELECT COUNT(*) FROM alerts) >= 2 THEN RAISE EXCEPTION 'killed'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql", ct);
                await u.ExecuteAsync("CREATE TRIGGER kill_run BEFORE INSERT ON alerts FOR EACH ROW EXECUTE FUNCTION kill_run()", ct);
            }
            else await u.ExecuteAsync("CREATE TRIGGER kill_run BEFORE INSERT ON alerts WHEN (SELECT COUNT(*) FROM alerts) >= 2 BEGIN SELECT RAISE(ABORT, 'killed'); END", ct);
            await u.CommitAsync(ct);
        }
        await Assert.ThrowsAnyAsync<Exception>(() => loop.Desk.Run.RunAsync(loop.Lists.Store, full: false, ct));
        Assert.Equal(2, Convert.ToInt32(await ScalarAsync(loop, "SELECT COUNT(*) FROM alerts"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, Convert.ToInt32(await ScalarAsync(loop, "SELECT COUNT(*) FROM monitored_snapshots"), System.Globalization.CultureInfo.InvariantCulture));
        await using (var u = await loop.Store.BeginAsync(ct))
        {
            await u.ExecuteAsync(backend == Stores.Postgres ? "DROP TRIGGER kill_run ON alerts" : "DROP TRIGGER kill_run", ct);
            await u.CommitAsync(ct);
        }

        // Run again: every counterparty has exactly its one alert.
        var again = await loop.Desk.Run.RunAsync(loop.Lists.Store, full: false, ct);
        Assert.Equal([old.Snapshot.Id.Value], again.Snapshots);
        var alerts = await loop.Desk.Alerts.ListAsync(loop.Reviewer, null, ct);
        for (var i = 0; i < listed.Count; i++)
            Assert.Single(alerts, a => a.CounterpartyRef == $"K-{i}" && a.SourceId == listed[i].Id);
        Assert.Equal(alerts.Count, alerts.Select(a => (a.CounterpartyRef, a.SourceId)).Distinct().Count());
        Assert.Equal(alerts.Count - 2, again.Opened);
    }

    private static async Task<object?> ScalarAsync(Loop loop, string sql)
    {
        await using var u = await loop.Store.BeginAsync(CancellationToken.None);
        return await u.ScalarAsync(sql, CancellationToken.None);
    }

    private static async Task<IReadOnlyList<(string Id, string Name)>> NewOrganisationsAsync(TestStore lists, long oldSnapshot)
    {
        var before = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var e in lists.Store.ReadEntitiesAsync(oldSnapshot, CancellationToken.None)) before.Add(e.Entity.SourceId);
        var found = new List<(string, string)>();
        foreach (var line in File.ReadLines(TestData.File(TestData.Sdn2024)))
        {
            var cells = line.Split(',');
            if (cells.Length < 3 || before.Contains(cells[0]) || cells[2] != "-0- ") continue;
            var name = cells[1].Trim('"');
            if (name.Split(' ').Length >= 3 && name.All(c => char.IsAsciiLetterUpper(c) || c == ' ')) found.Add((cells[0], name));
        }
        return [.. found.OrderBy(f => f.Item1, StringComparer.Ordinal).Take(3)];
    }

    /// <summary>The 2024 SDN file with one entry renamed, dated a day later.</summary>
    private static string ChangedSdn(Scratch scratch, string entNum, string name, string renamed)
    {
        var text = File.ReadAllText(TestData.File(TestData.Sdn2024)).Replace($"{entNum},\"{name}\"", $"{entNum},\"{renamed}\"", StringComparison.Ordinal);
        var folder = Directory.CreateDirectory(scratch.Path("2024-05-04"));
        var path = Path.Combine(folder.FullName, "sdn.csv");
        File.WriteAllText(path, text, new System.Text.UTF8Encoding(false));
        return path;
    }
}

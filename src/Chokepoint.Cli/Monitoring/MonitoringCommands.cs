using Chokepoint.Application.Screening;
using System.CommandLine;
using System.Globalization;
using Chokepoint.Application.Monitoring;
using Chokepoint.Core.Identity;
using Chokepoint.Core.Reading;
using Chokepoint.Licensing;
using Chokepoint.Licensing.Accounts;
using Chokepoint.Licensing.Storage;
using Chokepoint.Storage;
using Chokepoint.Storage.Records;

namespace Chokepoint.Cli.Monitoring;

/// <summary>
/// The monitoring loop on the command line: <c>counterparties import|list|show</c>, <c>monitor</c> (screen the register
/// against lists that changed), <c>alerts list|show|decide|approve</c> and <c>screenings show|replay</c>. Commands act
/// as the operator, or as the account named by <c>--as</c>, whose role and name the four-eyes rule and the trail see.
/// </summary>
internal static class MonitoringCommands
{
    private static Option<string?> As() => new("--as") { Description = "Act as this account (its role and name are recorded); default: the operator" };

    public static Command Counterparties()
    {
        var db = CliOptions.Db();
        var json = CliOptions.Json();
        var asUser = As();
        var cmd = new Command("counterparties", "The register of counterparties that monitoring screens whenever a list changes.");

        var file = new Argument<string>("file") { Description = "CSV or xlsx (columns ref, name, kind, country, dob, id, address) or JSON lines" };
        var source = new Option<string?>("--source") { Description = "Where the file came from (an ERP name), kept with each counterparty" };
        var map = CliOptions.Map();
        var import = new Command("import", "Add and update counterparties by their ref, in one transaction; a file with a bad row changes nothing.") { file, source, map, db, json, asUser };
        import.SetAction((pr, ct) => Run(pr, db, asUser, ct, async (m, actor) =>
        {
            var columns = pr.GetValue(map) is { } text ? ColumnMap.Parse(text, CounterpartyFile.Columns) : null;
            var parties = CounterpartyFile.Read(pr.GetValue(file)!, columns);
            var result = await m.Register.ImportAsync(actor, parties, pr.GetValue(source), ct);
            return Print(pr.GetValue(json), result, $"{result.Added:N0} added, {result.Changed:N0} changed, {result.Unchanged:N0} unchanged");
        }));

        var list = new Command("list", "List the registered counterparties.") { db, json, asUser };
        list.SetAction((pr, ct) => Run(pr, db, asUser, ct, async (m, actor) =>
        {
            var all = await m.Register.ListAsync(actor, ct);
            return PrintTable(pr.GetValue(json), all, [new("ref"), new("name"), new("kind", WideOnly: true), new("country"), new("dob", WideOnly: true), new("version", Right: true)],
                all.Select(c => (IReadOnlyList<string>)[c.Party.Ref, c.Party.Name, c.Party.Kind?.ToString() ?? "", c.Party.Country ?? "", c.Party.Dob ?? "", $"v{c.Version}"]));
        }));

        var reference = new Argument<string>("ref");
        var show = new Command("show", "One counterparty with every version of it.") { reference, db, json, asUser };
        show.SetAction((pr, ct) => Run(pr, db, asUser, ct, async (m, actor) =>
        {
            var (current, versions) = await m.Register.ShowAsync(actor, pr.GetValue(reference)!, ct);
            return Print(pr.GetValue(json), new { current, versions },
                string.Join(Environment.NewLine, versions.Select(v => $"v{v.Version} {v.ChangedAt} by {v.ChangedBy}: {v.Party.Name}, {v.Party.Country}, {v.Party.Dob}, {v.Party.Address}")));
        }));
        cmd.Subcommands.Add(import);
        cmd.Subcommands.Add(list);
        cmd.Subcommands.Add(show);
        return cmd;
    }

    public static Command Monitor()
    {
        var db = CliOptions.Db();
        var json = CliOptions.Json();
        var full = new Option<bool>("--full") { Description = "Screen against every active list in full, not only what changed (the safety net)" };
        var cmd = new Command("monitor", "Screen the counterparty register against the lists that became active since the last run, and open alerts.") { full, db, json };
        cmd.SetAction((pr, ct) => Run(pr, db, null, ct, async (m, _) =>
        {
            await using var lists = await SnapshotStores.OpenAsync(pr.GetValue(db), ct, existing: true);
            var progress = new ConsoleProgress();
            var report = await m.Run.RunAsync(lists, pr.GetValue(full), ct, progress: progress);
            progress.Done();
            return Print(pr.GetValue(json), report, report.ToString());
        }));
        return cmd;
    }

    public static Command Alerts()
    {
        var db = CliOptions.Db();
        var json = CliOptions.Json();
        var asUser = As();
        var cmd = new Command("alerts", "Possible matches of counterparties, their review and decisions.");

        var state = new Option<string?>("--state") { Description = "open, in-review, awaiting-approval or closed" };
        var list = new Command("list", "List alerts, oldest first.") { state, db, json, asUser };
        list.SetAction((pr, ct) => Run(pr, db, asUser, ct, async (m, actor) =>
        {
            var all = await m.Alerts.ListAsync(actor, State(pr.GetValue(state)), ct);
            return PrintTable(pr.GetValue(json), all,
                [new("id", Right: true), new("state"), new("ref"), new("counterparty"), new("listed entry"), new("listed name"), new("score", Right: true), new("opened", WideOnly: true)],
                all.Select(a => (IReadOnlyList<string>)[a.Id.ToString(CultureInfo.InvariantCulture), a.State.ToString(), a.CounterpartyRef, a.CounterpartyName,
                    $"{a.Dataset}:{a.SourceId}", a.Entry.Names.FirstOrDefault() ?? "", a.Score.ToString("0.00", CultureInfo.InvariantCulture), a.OpenedAt]));
        }));

        var id = new Argument<long>("id");
        var show = new Command("show", "One alert: the counterparty, the listed entry, what changed, the decision.") { id, db, json, asUser };
        show.SetAction((pr, ct) => Run(pr, db, asUser, ct, async (m, actor) =>
        {
            var a = await m.Alerts.ShowAsync(actor, pr.GetValue(id), ct);
            return Print(pr.GetValue(json), a,
                $"alert {a.Id} {a.State}{(a.Decision is { } d ? $" ({d} by {a.DecidedBy}{(a.ApprovedBy is { } ab ? $", approved by {ab}" : "")}: {a.Reason})" : "")}{Environment.NewLine}" +
                $"  {a.CounterpartyRef} {a.CounterpartyName} ~ {a.Dataset}:{a.SourceId} {string.Join(" / ", a.Entry.Names)} ({a.Score:0.00}, snapshot {a.Snapshot}, screening {a.Screening}){Environment.NewLine}" +
                (a.Changes.Count > 0 ? $"  changed: {string.Join("; ", a.Changes)}" : ""));
        }));

        var trueMatch = new Option<bool>("--true-match");
        var falsePositive = new Option<bool>("--false-positive");
        var needInfo = new Option<bool>("--need-info");
        var reason = new Option<string>("--reason") { Description = "Why, for the file and the audit trail", Required = true };
        var decide = new Command("decide", "Decide an alert: --true-match, --false-positive or --need-info, with --reason.") { id, trueMatch, falsePositive, needInfo, reason, db, json, asUser };
        decide.SetAction((pr, ct) =>
        {
            var chosen = new[] { (pr.GetValue(trueMatch), AlertDecision.TrueMatch), (pr.GetValue(falsePositive), AlertDecision.FalsePositive), (pr.GetValue(needInfo), AlertDecision.NeedInfo) }
                .Where(c => c.Item1).Select(c => c.Item2).ToList();
            if (chosen.Count != 1) return Task.FromResult(Output.Error("give exactly one of --true-match, --false-positive, --need-info"));
            return Run(pr, db, asUser, ct, async (m, actor) =>
            {
                var a = await m.Alerts.DecideAsync(actor, pr.GetValue(id), chosen[0], pr.GetValue(reason)!, ct);
                return Print(pr.GetValue(json), a, $"alert {a.Id}: {a.State}{(a.State == AlertState.AwaitingApproval ? " (a second person of another role approves it: alerts approve)" : "")}");
            });
        });

        var approve = new Command("approve", "Approve a false-positive decision (four eyes: not the decider, not the decider's role).") { id, db, json, asUser };
        approve.SetAction((pr, ct) => Run(pr, db, asUser, ct, async (m, actor) =>
        {
            var a = await m.Alerts.ApproveAsync(actor, pr.GetValue(id), ct);
            return Print(pr.GetValue(json), a, $"alert {a.Id}: {a.State}, approved by {a.ApprovedBy}");
        }));
        cmd.Subcommands.Add(list);
        cmd.Subcommands.Add(show);
        cmd.Subcommands.Add(decide);
        var backReason = new Option<string>("--reason") { Description = "Why it goes back, for the decider and the audit trail", Required = true };
        var sendBack = new Command("send-back", "Send a false positive awaiting approval back for a new decision (four eyes as for approve).") { id, backReason, db, json, asUser };
        sendBack.SetAction((pr, ct) => Run(pr, db, asUser, ct, async (m, actor) =>
        {
            var a = await m.Alerts.SendBackAsync(actor, pr.GetValue(id), pr.GetValue(backReason)!, ct);
            return Print(pr.GetValue(json), a, $"alert {a.Id}: {a.State}, sent back for a new decision");
        }));
        cmd.Subcommands.Add(approve);
        cmd.Subcommands.Add(sendBack);
        return cmd;
    }

    public static Command GoodGuys()
    {
        var db = CliOptions.Db();
        var json = CliOptions.Json();
        var asUser = As();
        var cmd = new Command("goodguys", "The organisation's good-guy list: parties known not to be a listed entry, while the entry stays as it is.");
        var name = new Option<string>("--name") { Description = "The party's name as you screen it", Required = true };
        var country = new Option<string?>("--country");
        var dob = new Option<string?>("--dob");
        var entry = new Option<string>("--entry") { Description = "The listed entry it is not, LIST:ID (us-ofac-sdn:12345)", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why, for the file and the audit trail", Required = true };
        var add = new Command("add", "Add a party that is not the given listed entry; its alerts on that entry do not open while the entry is unchanged.") { name, country, dob, entry, reason, db, json, asUser };
        add.SetAction((pr, ct) =>
        {
            if (!Chokepoint.Core.Values.EntityRef.TryParse(pr.GetValue(entry), out var listed))
                return Task.FromResult(Output.Error($"--entry '{pr.GetValue(entry)}' is not LIST:ID, such as us-ofac-sdn:12345"));
            return Run(pr, db, asUser, ct, async (m, actor) =>
            {
                await using var lists = await SnapshotStores.OpenAsync(pr.GetValue(db), ct);
                var added = await m.GoodGuys.AddAsync(actor, pr.GetValue(name)!, pr.GetValue(country), pr.GetValue(dob), listed, pr.GetValue(reason)!, lists, ct);
                return Print(pr.GetValue(json), added, $"good guy {added.Id}: {added.Name} is not {added.Entry}");
            });
        });
        var list = new Command("list", "The good-guy list.") { db, json, asUser };
        list.SetAction((pr, ct) => Run(pr, db, asUser, ct, async (m, actor) =>
        {
            var all = await m.GoodGuys.ListAsync(actor, ct);
            return PrintTable(pr.GetValue(json), all,
                [new("id", Right: true), new("name"), new("country"), new("dob"), new("is not"), new("reason"), new("added by", WideOnly: true), new("added", WideOnly: true)],
                all.Select(g => (IReadOnlyList<string>)[g.Id.ToString(CultureInfo.InvariantCulture), g.Name, g.Country ?? "", g.Dob ?? "", g.Entry.ToString(), g.Reason, g.AddedBy, g.AddedAt.ToString()]));
        }));
        var id = new Argument<long>("id");
        var why = new Option<string>("--reason") { Required = true };
        var remove = new Command("remove", "Take an entry off the good-guy list (audited).") { id, why, db, json, asUser };
        remove.SetAction((pr, ct) => Run(pr, db, asUser, ct, async (m, actor) =>
        {
            await m.GoodGuys.RemoveAsync(actor, pr.GetValue(id), pr.GetValue(why)!, ct);
            return Print(pr.GetValue(json), new { removed = pr.GetValue(id) }, $"good guy {pr.GetValue(id)} removed");
        }));
        cmd.Subcommands.Add(add);
        cmd.Subcommands.Add(list);
        cmd.Subcommands.Add(remove);
        return cmd;
    }

    public static Command Screenings()
    {
        var db = CliOptions.Db();
        var json = CliOptions.Json();
        var asUser = As();
        var cmd = new Command("screenings", "Stored screenings: read one back, or replay it on the snapshots it used.");
        var id = new Argument<long>("id");
        var show = new Command("show", "One stored screening.") { id, db, json, asUser };
        show.SetAction((pr, ct) => Run(pr, db, asUser, ct, async (m, actor) =>
        {
            var r = await m.Screenings.GetAsync(actor, pr.GetValue(id), ct);
            return Print(pr.GetValue(json), r, $"screening {r.Id} at {r.At} by {r.Actor} ({r.Purpose}): '{r.Query.Name}' against snapshots {string.Join(", ", r.Snapshots)}, " +
                $"matcher {r.Matcher}, {r.Hits.Count} hits{string.Concat(r.Hits.Select(h => $"{Environment.NewLine}  {h.Score:0.000} {h.List}:{h.EntityId} {h.Name}"))}");
        }));
        var replay = new Command("replay", "Run a stored screening again on the same snapshots and settings; exit 1 when anything differs.") { id, db, json, asUser };
        replay.SetAction((pr, ct) => Run(pr, db, asUser, ct, async (m, actor) =>
        {
            await using var lists = await SnapshotStores.OpenAsync(pr.GetValue(db), ct, existing: true);
            var r = await m.Screenings.ReplayAsync(actor, pr.GetValue(id), lists, ct);
            Print(pr.GetValue(json), r, r.Identical
                ? $"screening {r.Record.Id}: identical ({r.Record.Hits.Count} hits on snapshots {string.Join(", ", r.Record.Snapshots)}, matcher {r.MatcherNow})"
                : $"screening {r.Record.Id}: DIFFERENT{string.Concat(r.Differences.Select(d => $"{Environment.NewLine}  {d}"))}");
            return r.Identical ? 0 : 1;
        }));
        cmd.Subcommands.Add(show);
        cmd.Subcommands.Add(replay);
        return cmd;
    }

    /// <summary>After a list changed (import, update, activate): screens the register against what changed, reporting on
    /// standard error so that the command's own output stays as it was. A run that fails says so; the next
    /// `chokepoint monitor` (or list change) takes it up, as nothing was marked monitored.</summary>
    internal static async Task AfterListChangeAsync(string? db, ISnapshotStore lists, CancellationToken ct)
    {
        try
        {
            await using var database = RecordDatabase.Open(db);
            var desk = new MonitoringDesk(new LicensingStore(database, TimeProvider.System), new MonitoringPolicy());
            var progress = new ConsoleProgress();
            var report = await desk.Run.RunAsync(lists, full: false, ct, progress: progress);
            progress.Done();
            if (report.Snapshots.Count > 0) Console.Error.WriteLine($"monitoring: {report}");
        }
        catch (Exception e) when (e is StoreException or LicensingException or InvalidOperationException)
        {
            Console.Error.WriteLine($"monitoring did NOT run: {e.Message}; run `chokepoint monitor` to screen the counterparties against the new lists");
        }
    }

    private static AlertState? State(string? text) => text switch
    {
        null => null,
        "open" => AlertState.Open,
        "in-review" => AlertState.InReview,
        "awaiting-approval" => AlertState.AwaitingApproval,
        "closed" => AlertState.Closed,
        _ => throw LicensingException.Bad($"--state '{text}' is not a state: open, in-review, awaiting-approval or closed."),
    };

    private static int Print<T>(bool json, T value, string text)
    {
        if (json) Output.Json(value);
        else Console.Out.WriteLine(text);
        return 0;
    }

    private static int PrintTable<T>(bool json, T value, IReadOnlyList<TextColumn> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        if (json) Output.Json(value);
        else Output.Table(columns, rows);
        return 0;
    }

    private static async Task<int> Run(ParseResult pr, Option<string?> db, Option<string?>? asUser, CancellationToken ct, Func<MonitoringDesk, Actor, Task<int>> action)
    {
        try
        {
            SnapshotStores.RequireExisting(pr.GetValue(db));
            await using var database = RecordDatabase.Open(pr.GetValue(db));
            await database.MigrateAsync(ct);
            var store = new LicensingStore(database, TimeProvider.System);
            var actor = asUser is not null && pr.GetValue(asUser) is { } name ? await new AccountService(store).ActAsAsync(name, ct) : Actor.Operator;
            return await action(new MonitoringDesk(store, new MonitoringPolicy()), actor);
        }
        catch (LicensingException e) { return Output.Error(e.Message); }
        catch (ListFormatException e) { return Output.Error(e.Message); }
        catch (StoreException e) { return Output.Error(e.Message); }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException) { return Output.Error(e.Message); }
    }
}

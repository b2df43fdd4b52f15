using Chokepoint.Core.Identity;
using System.CommandLine;
using Chokepoint.Licensing;
using Chokepoint.Licensing.Accounts;
using Chokepoint.Licensing.Audit;
using Chokepoint.Licensing.Storage;
using Chokepoint.Storage;
using Chokepoint.Storage.Records;

namespace Chokepoint.Cli.Licensing;

/// <summary>
/// Administration on the operator's authority: <c>chokepoint users ...</c> (organisations, accounts, machine keys) and
/// <c>chokepoint audit verify|export</c>. Changes are audited as made by "operator".
/// </summary>
internal static class LicensingCommands
{
    public static Command Users()
    {
        var db = CliOptions.Db();
        var json = CliOptions.Json();
        var users = new Command("users", "Organisations, user accounts and machine keys of the licensing module.");

        var orgName = new Argument<string>("name");
        var country = new Option<string>("--country") { Description = "ISO 3166 alpha-2 code", Required = true };
        var kind = new Option<string>("--kind") { Description = "exporter or authority", Required = true };
        var addOrg = new Command("add-organisation", "Add an exporter or authority organisation.") { orgName, country, kind, db, json };
        addOrg.SetAction((pr, ct) => Run(pr.GetValue(db), ct, (a, _) => a.CreateOrganisationAsync(Actor.Operator, pr.GetValue(orgName)!, pr.GetValue(country)!, pr.GetValue(kind)!, ct), pr.GetValue(json)));

        var username = new Argument<string>("username");
        var role = new Option<string>("--role") { Description = string.Join(", ", Roles.All), Required = true };
        var organisation = new Option<long>("--organisation") { Description = "Organisation id", Required = true };
        var add = new Command("add", "Add a user; the password is read from standard input (at least 12 characters).") { username, role, organisation, db, json };
        add.SetAction((pr, ct) => Run(pr.GetValue(db), ct, (a, _) =>
        {
            var password = Console.In.ReadLine() ?? "";
            return a.CreateUserAsync(Actor.Operator, pr.GetValue(username)!, password, pr.GetValue(role)!, pr.GetValue(organisation), ct);
        }, pr.GetValue(json)));

        var userId = new Argument<long>("user-id");
        var label = new Option<string>("--label") { Description = "What the key is for", Required = true };
        var key = new Command("key", "Issue a machine key acting as a user; it is printed once.") { userId, label, db, json };
        key.SetAction((pr, ct) => Run(pr.GetValue(db), ct, async (a, _) => new { key = await a.CreateApiKeyAsync(Actor.Operator, pr.GetValue(userId), pr.GetValue(label)!, ct) }, pr.GetValue(json)));

        var list = new Command("list", "List user accounts.") { db, json };
        list.SetAction((pr, ct) => Run(pr.GetValue(db), ct, (a, _) => a.UsersAsync(Actor.Operator, ct), pr.GetValue(json)));

        var lockedUser = new Argument<string>("username");
        var unlockReason = new Option<string>("--reason") { Description = "Why, for the audit trail", Required = true };
        var unlock = new Command("unlock", "Lift the lock put on an account after repeated failed sign-ins.") { lockedUser, unlockReason, db, json };
        unlock.SetAction((pr, ct) => Run(pr.GetValue(db), ct, (a, _) => a.UnlockAsync(Actor.Operator, pr.GetValue(lockedUser)!, pr.GetValue(unlockReason)!, ct), pr.GetValue(json)));

        users.Subcommands.Add(addOrg);
        users.Subcommands.Add(unlock);
        users.Subcommands.Add(add);
        users.Subcommands.Add(key);
        users.Subcommands.Add(list);
        return users;
    }

    public static Command Audit()
    {
        var db = CliOptions.Db();
        var json = CliOptions.Json();
        var audit = new Command("audit", "Verify, anchor or export the audit trail.");
        var anchorFile = new Option<string?>("--anchor") { Description = "A receipt written by `audit anchor`: also prove that nothing up to it was removed or rewritten" };
        var verify = new Command("verify", "Check the keyed chain and replay it against licences and users: any edited, deleted, reordered or forged event, or record changed outside the trail, is reported, exit code 1.") { anchorFile, db, json };
        verify.SetAction((pr, ct) => WithStore(pr.GetValue(db), ct, async store =>
        {
            var anchor = pr.GetValue(anchorFile) is { } file ? AuditAnchor.Read(file) : null;
            var report = await new AuditService(store).VerifyAsync(Actor.Operator, ct, anchor);
            if (pr.GetValue(json)) Output.Json(report);
            else
            {
                Console.Out.WriteLine(report.Intact
                    ? $"intact: {report.Events:N0} events, chain, head and records agree{(report.Anchored ? $", and the anchor of event {anchor!.Seq} ({anchor.At}) holds" : "")}"
                    : $"BROKEN: {report.Breaks.Count} problem(s) in {report.Events:N0} events");
                foreach (var b in report.Breaks) Console.Out.WriteLine($"  {(b.Seq > 0 ? $"event {b.Seq}" : "records")}: {b.Problem}");
                if (report.UnkeyedEvents > 0) Console.Out.WriteLine($"  note: {report.UnkeyedEvents:N0} event(s) were written before the chain was keyed; only an anchor protects them against a rewrite");
                if (!report.Anchored) Console.Out.WriteLine("  note: without --anchor, events deleted from the end (head moved back) cannot be told apart from a shorter trail; keep receipts from `chokepoint audit anchor`");
            }
            return report.Intact ? 0 : 1;
        }, existing: true));
        var anchorOut = new Option<string?>("--output") { Description = "Where to write the receipt (default: standard output); keep it outside the database's machine" };
        var anchorCmd = new Command("anchor", "Write a signed receipt of the chain's head (event number, hash, time) to keep outside the database.") { anchorOut, db };
        anchorCmd.SetAction((pr, ct) => WithStore(pr.GetValue(db), ct, async store =>
        {
            var anchor = await new AuditService(store).AnchorAsync(Actor.Operator, ct);
            var text = System.Text.Json.JsonSerializer.Serialize(anchor, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true });
            if (pr.GetValue(anchorOut) is { } path)
            {
                await File.WriteAllTextAsync(path, text, ct);
                Console.Error.WriteLine($"anchored event {anchor.Seq} of {anchor.Database} in {path}");
            }
            else Console.Out.WriteLine(text);
            return 0;
        }, existing: true));
        var rotate = new Command("rotate-key", "Add a new audit key to the key file; it signs from now on, the old ones still verify.");
        rotate.SetAction(_ =>
        {
            if (Environment.GetEnvironmentVariable(AuditKeyRing.KeyVariable) is { Length: > 0 })
                return Output.Error($"the audit key comes from ${AuditKeyRing.KeyVariable}; rotate it there (and keep the old one to verify older events)");
            var file = AuditKeyRing.KeyFile();
            var id = AuditKeyRing.Rotate(file);
            Console.Out.WriteLine($"new audit key {id} added to {file}; back the file up: events cannot be verified without their key");
            return 0;
        });
        var format = new Option<string>("--format") { Description = "csv or json", DefaultValueFactory = _ => "csv" };
        var output = new Option<string?>("--output") { Description = "File to write (default: standard output)" };
        var export = new Command("export", "Export every audit event for auditors (CSV cells defused against spreadsheet formulas).") { format, output, db };
        export.SetAction((pr, ct) => WithStore(pr.GetValue(db), ct, async store =>
        {
            var text = await new AuditService(store).ExportAsync(Actor.Operator, pr.GetValue(format)!, ct);
            if (pr.GetValue(output) is { } path) await File.WriteAllTextAsync(path, text, ct);
            else Console.Out.Write(text);
            return 0;
        }, existing: true));
        audit.Subcommands.Add(verify);
        audit.Subcommands.Add(anchorCmd);
        audit.Subcommands.Add(rotate);
        audit.Subcommands.Add(export);
        return audit;
    }

    private static Task<int> Run<T>(string? db, CancellationToken ct, Func<AccountService, LicensingStore, Task<T>> action, bool json) =>
        WithStore(db, ct, async store =>
        {
            // Accounts print as JSON either way, named as the API names them (camelCase): indented with --json, else on one line.
            var result = await action(new AccountService(store), store);
            if (json) Output.Json(result);
            else Output.JsonLine(result);
            return 0;
        });

    /// <summary>Runs the action on the licensing store; <paramref name="existing"/> for commands that only read the
    /// trail, which refuse a SQLite file that does not exist instead of creating an empty one and calling it intact.</summary>
    private static async Task<int> WithStore(string? db, CancellationToken ct, Func<LicensingStore, Task<int>> action, bool existing = false)
    {
        try
        {
            if (existing) SnapshotStores.RequireExisting(db);
            await using var database = RecordDatabase.Open(db);
            var store = new LicensingStore(database, TimeProvider.System);
            await store.EnsureSchemaAsync(ct);
            return await action(store);
        }
        catch (LicensingException e) { return Output.Error(e.Message); }
        catch (StoreException e) { return Output.Error(e.Message); }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException or KeyNotFoundException) { return Output.Error(e.Message); }
    }
}

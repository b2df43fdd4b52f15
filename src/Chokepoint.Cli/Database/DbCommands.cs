using System.CommandLine;
using Chokepoint.Storage;
using Chokepoint.Storage.Migrations;

namespace Chokepoint.Cli.Database;

/// <summary><c>chokepoint db migrate</c>: bring a database's schema to the newest version and say which versions it
/// has. Every command migrates the database it opens anyway; this is for operators who upgrade on purpose.</summary>
internal static class DbCommands
{
    public static Command Build()
    {
        var db = CliOptions.Db();
        var json = CliOptions.Json();
        var migrate = new Command("migrate", "Apply the schema migrations this version has and the database lacks; list every version applied.") { db, json };
        migrate.SetAction(async (pr, ct) =>
        {
            try
            {
                var target = SnapshotStores.Target(pr.GetValue(db));
                if (!SnapshotStores.IsPostgres(target)) target = SqliteSnapshotStore.FilePath(target);
                var applied = await SchemaMigrations.MigrateAsync(target, ct);
                var known = SchemaMigrations.Scripts(SnapshotStores.IsPostgres(target));
                if (pr.GetValue(json)) Output.Json(new { applied, latest = known[^1] });
                else
                {
                    Console.Out.WriteLine($"schema at version {applied.Count} of {known.Count}:");
                    foreach (var script in applied) Console.Out.WriteLine($"  {script}");
                }
                return 0;
            }
            catch (StoreException e)
            {
                return Output.Error(e.Message);
            }
        });
        var cmd = new Command("db", "The database: schema migrations.");
        cmd.Subcommands.Add(migrate);
        return cmd;
    }
}

using System.CommandLine;

namespace Chokepoint.Cli;

/// <summary>Options every command shares.</summary>
internal static class CliOptions
{
    public static Option<string?> Db() => new("--db")
    {
        Description = "SQLite file path or PostgreSQL connection string (Host=...;Database=... or postgres://...). Default: $CHOKEPOINT_DB, else chokepoint.db",
    };

    public static Option<bool> Json() => new("--json") { Description = "Write JSON to standard output, for scripts" };
}

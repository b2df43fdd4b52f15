using System.CommandLine;

namespace Chokepoint.Cli;

/// <summary>Options every command shares.</summary>
internal static class CliOptions
{
    public static Option<string?> Db() => new("--db")
    {
        Description = "SQLite file path or PostgreSQL connection string (Host=...;Database=... or postgres://...). Default: $CHOKEPOINT_DB, else chokepoint.db",
    };

    /// <summary>For input files whose headers are not ours.</summary>
    public static Option<string?> Map() => new("--map")
    {
        Description = "Read the file's own columns as ours: \"Company Name=name,Land=country\" (FILE COLUMN=OUR COLUMN, comma-separated)",
    };

    public static Option<bool> Json() => new("--json") { Description = "Write JSON to standard output, for scripts" };
}

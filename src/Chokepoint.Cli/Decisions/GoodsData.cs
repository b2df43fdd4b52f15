using System.CommandLine;

namespace Chokepoint.Cli.Decisions;

/// <summary>The option naming where the goods reference files (HS, CN, Annex I, PRC catalogue) are read from.</summary>
internal static class GoodsData
{
    public static Option<string?> Option() => new("--data")
    {
        Description = "Folder of publisher files laid out like ../shared/data (default: $CHOKEPOINT_DATA, else ../shared/data)",
    };
}

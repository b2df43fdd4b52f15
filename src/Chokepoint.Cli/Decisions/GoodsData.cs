using System.CommandLine;
using Chokepoint.Rules.Goods;

namespace Chokepoint.Cli.Decisions;

/// <summary>Where the goods reference files (HS, CN, Annex I, PRC catalogue) are read from.</summary>
internal static class GoodsData
{
    public static Option<string?> Option() => new("--data")
    {
        Description = "Folder of publisher files laid out like ../shared/data (default: $CHOKEPOINT_DATA, else ../shared/data)",
    };

    public static GoodsReference Load(string? folder)
    {
        folder ??= Environment.GetEnvironmentVariable("CHOKEPOINT_DATA") is { Length: > 0 } env ? env : "../shared/data";
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"the goods reference folder {Path.GetFullPath(folder)} does not exist; give one with --data");
        return GoodsReference.Load(folder);
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chokepoint.Sources.Updates;

/// <summary>Where each list is downloaded from. Files: <c>config/sources.json</c> in the repository (copied beside the
/// program); a different file with --config.</summary>
public sealed record UpdateSettings
{
    /// <summary>Folder of publisher files used when no publisher can be reached. Relative to the working directory.</summary>
    public string FallbackFolder { get; init; } = "../shared/data";

    public int TimeoutSeconds { get; init; } = 120;
    public int Retries { get; init; } = 2;

    /// <summary>A download that loses more than this share of the active snapshot's entries, names, a kind, a source
    /// list or a companion's rows is refused (<see cref="Snapshots.DropGuard"/>).</summary>
    public double MaxDropShare { get; init; } = Snapshots.ImportOptions.DefaultMaxDropShare;

    /// <summary>A download is stopped and refused past this many bytes: 1 GiB, ten times the largest real list.</summary>
    public long MaxDownloadBytes { get; init; } = 1L << 30;

    public IReadOnlyList<ListSource> Lists { get; init; } = [];

    public static UpdateSettings Load(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<UpdateSettings>(stream, Json) ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} (line {e.LineNumber + 1}): not valid settings JSON: {e.Message}", e);
        }
    }

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter() },
    };
}

/// <summary>One list to download: its dataset, its format and its file URLs by the file name each is saved under
/// (OFAC's CSV set is four files: sdn.csv, add.csv, alt.csv, sdn_comments.csv; the first is the main file).</summary>
public sealed record ListSource(string Dataset, string Format, IReadOnlyList<ListFile> Files, string? Note = null);

public sealed record ListFile(string Name, string Url);

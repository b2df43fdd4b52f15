using Chokepoint.Core.Listings;

namespace Chokepoint.Sources.Reading;

/// <summary>
/// Reads one publisher format into <see cref="ListedEntity"/> values, streaming: entities are yielded as they are read.
/// A reader never returns a silent partial result for a file it cannot read: it throws <see cref="ListFormatException"/>.
/// (A well-formed file with no entries reads as empty; the importer refuses it, since an empty list would clear everyone.)
/// Adding a format means writing one of these in its publisher's folder and one line in <see cref="ListReaders"/>.
/// </summary>
public interface IListReader
{
    /// <summary>The format's name on the command line ("ofac-csv").</summary>
    string Format { get; }

    /// <summary>One line for help text: publisher and file.</summary>
    string Description { get; }

    /// <summary>Terms that keep files of this format out of folder imports (the first run's included): they are
    /// imported only when named. Null for the public-domain official lists.</summary>
    string? Restriction => null;

    /// <summary>Whether a file's first bytes (and name) look like this format.</summary>
    bool Recognises(ListProbe probe);

    /// <summary>Gathers the files an import needs, starting from the path given (OFAC CSV finds add/alt/comments beside sdn.csv).</summary>
    ListInput Resolve(string path) => ListInput.Single(path);

    /// <summary>The dataset ids this reader files snapshots under, for the <see cref="Snapshots.ListCatalog"/>.</summary>
    IReadOnlyList<string> Datasets { get; }

    /// <summary>The dataset id an input belongs to when the user names none ("us-ofac-sdn").</summary>
    string DatasetFor(ListInput input);

    IEnumerable<ListedEntity> Read(ListInput input, ReadReport report, CancellationToken ct);
}

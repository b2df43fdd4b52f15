namespace Chokepoint.Sources.OpenSanctions;

/// <summary>OpenSanctions publishes its data under CC BY-NC 4.0: no commercial use without their licence. Such data
/// never enters a database unasked, so a folder import (and the first run) skips it and says why.</summary>
internal static class OpenSanctionsTerms
{
    /// <summary>OpenSanctions names a dataset by its folder; Chokepoint files it as "opensanctions-FOLDER".</summary>
    public const string DatasetPrefix = "opensanctions-";

    public const string Restriction =
        "OpenSanctions data is licensed CC BY-NC 4.0 (non-commercial use only; commercial use needs an OpenSanctions licence), so it is not imported with a folder; import it by name if your use allows: chokepoint lists import FILE";
}

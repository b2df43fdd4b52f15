using Chokepoint.Core.Listings;

namespace Chokepoint.Sources.OpenSanctions;

/// <summary>FollowTheMoney schemata that are parties one can screen against; the rest (Sanction, Ownership,
/// Address ...) describe them.</summary>
internal static class FtmKinds
{
    public static EntityKind? Of(string? schema) => schema switch
    {
        "Person" => EntityKind.Person,
        "Organization" or "Company" or "LegalEntity" or "PublicBody" => EntityKind.Organization,
        "Vessel" => EntityKind.Vessel,
        "Airplane" => EntityKind.Aircraft,
        _ => null,
    };

    /// <summary>OpenSanctions publishes one folder per dataset (datasets/latest/NAME/...), so the folder names the dataset.</summary>
    public static string Dataset(string file) =>
        OpenSanctionsTerms.DatasetPrefix + (Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(file))) ?? "default");
}

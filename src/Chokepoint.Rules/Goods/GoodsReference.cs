namespace Chokepoint.Rules.Goods;

/// <summary>The goods reference data read from a data folder: nomenclature, EU Annex I and the PRC catalogue index.</summary>
public sealed record GoodsReference(HsNomenclature Nomenclature, AnnexI AnnexI, CnCatalogue CnCatalogue)
{
    public const string AnnexPath = "control_lists/eu_dual_use_annex_i/annex.json";
    public const string CataloguePath = "control_lists/cn_dual_use_catalogue_2026/index.json";

    /// <summary>The folder the goods files are read from when none is named: $CHOKEPOINT_DATA, else ../shared/data.</summary>
    public static string DefaultFolder =>
        Environment.GetEnvironmentVariable("CHOKEPOINT_DATA") is { Length: > 0 } env ? env : "../shared/data";

    /// <summary>Reads the goods files from the folder named, or the default one; a missing folder is a clear error.</summary>
    public static GoodsReference LoadFrom(string? folder)
    {
        folder ??= DefaultFolder;
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"the goods reference folder {Path.GetFullPath(folder)} does not exist; name it with --data (command line) or Chokepoint:Data / CHOKEPOINT_DATA (server)");
        return Load(folder);
    }

    /// <summary>Reads the publishers' files from a folder laid out like ../shared/data.</summary>
    public static GoodsReference Load(string dataFolder) => new(
        HsNomenclature.Load(dataFolder),
        AnnexI.Load(Path.Combine(dataFolder, AnnexPath)),
        CnCatalogue.Load(Path.Combine(dataFolder, CataloguePath)));

    /// <summary>Names the versions of the goods data, for the record of a decision or a classification.</summary>
    public string Version => $"annex-i:{AnnexI.Version}; cn-catalogue:2026-index";
}

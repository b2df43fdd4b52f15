namespace Chokepoint.Rules.Goods;

/// <summary>The goods reference data read from a data folder: nomenclature, EU Annex I and the PRC catalogue index.</summary>
public sealed record GoodsReference(HsNomenclature Nomenclature, AnnexI AnnexI, CnCatalogue CnCatalogue)
{
    public const string AnnexPath = "control_lists/eu_dual_use_annex_i/annex.json";
    public const string CataloguePath = "control_lists/cn_dual_use_catalogue_2026/index.json";

    /// <summary>Reads the publishers' files from a folder laid out like ../shared/data.</summary>
    public static GoodsReference Load(string dataFolder) => new(
        HsNomenclature.Load(dataFolder),
        AnnexI.Load(Path.Combine(dataFolder, AnnexPath)),
        CnCatalogue.Load(Path.Combine(dataFolder, CataloguePath)));

    /// <summary>Names the versions of the goods data, for the record of a decision or a classification.</summary>
    public string Version => $"annex-i:{AnnexI.Version}; cn-catalogue:2026-index";
}

namespace Chokepoint.Tests.Support;

/// <summary>The real publisher files in ../shared/data (next to the checkout); never copied into this repository.</summary>
public static class TestData
{
    private static readonly Lazy<string> Root = new(() =>
    {
        if (Environment.GetEnvironmentVariable("CHOKEPOINT_DATA") is { Length: > 0 } env && Directory.Exists(env)) return Path.GetFullPath(env);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException("The real list files are missing: expected a folder shared/data beside the checkout (or CHOKEPOINT_DATA).");
    });

    public static string Folder => Root.Value;

    public static string File(string relative)
    {
        var path = Path.Combine(Root.Value, relative);
        if (!System.IO.File.Exists(path) && !Directory.Exists(path)) throw new FileNotFoundException($"Test data file missing: {path}");
        return path;
    }

    public const string Sdn2021 = "ofac_sdn/2021-07-07/sdn.csv";
    public const string Sdn2024 = "ofac_sdn/2024-05-03/sdn.csv";
    public const string ConsPrim = "ofac_consolidated_non_sdn/2025-12-19/cons_prim.csv";
    public const string ConsXml = "ofac_consolidated_non_sdn/2018-04-06_sdnxml_schema/consolidated.xml";
    public const string ConsEnhanced = "ofac_consolidated_non_sdn/2025-01-14/CONS_ENHANCED.ZIP";
    public const string Csl = "us_csl/2022-05-06/consolidated.csv";
    public const string Un = "un_consolidated/2026-02-27/consolidated.xml";
    public const string OfsiXlsx = "uk_ofsi_consolidated/2025-04-14/ConList.xlsx";
    public const string OfsiCsv = "uk_ofsi_consolidated/2018-04-13/ConList.csv";
    public const string EuFsf = "eu_fsf/sample_2026-08-05/sample_eu_fsf.xml";
    public const string FtmZala = "opensanctions/zala_cluster/entities.ftm.json";
    public const string FtmEu = "opensanctions/eu_fsf_sample/entities.ftm.json";
    public const string Targets = "opensanctions/ua_war_sanctions/targets.simple.csv";
    public const string Sema = "canada_sema/2020-04-16/sema-lmes.xml";
    public const string Mofcom = "control_lists/cn_countermeasures/sanctions.csv";
}

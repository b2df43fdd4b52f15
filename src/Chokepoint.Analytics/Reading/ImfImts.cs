using System.Globalization;
using Chokepoint.Analytics.Model;
using Chokepoint.Core.Reading;

namespace Chokepoint.Analytics.Reading;

/// <summary>
/// IMF International Merchandise Trade Statistics (IMTS, formerly DOTS) in the data portal's wide CSV: one series per
/// row (COUNTRY.ID reports INDICATOR.ID with COUNTERPART_COUNTRY.ID, at FREQUENCY.ID, in SCALE.ID), one column per
/// year. Imports are CIF, exports FOB, in US dollars times 10^SCALE. A blank cell is no figure. Counterparts the
/// IMF groups (G001 World, G998 EU, "Asia not specified") are kept under their IMF code; only World has a name of ours.
/// </summary>
public sealed class ImfImts : ITradeFormat
{
    private static readonly string[] Columns = ["SERIES_CODE", "COUNTRY.ID", "INDICATOR.ID", "COUNTERPART_COUNTRY.ID", "FREQUENCY.ID", "SCALE.ID"];

    public string Name => "imf-imts";

    public bool Recognises(IReadOnlySet<string> header) => header.Contains("SERIES_CODE") && header.Contains("COUNTERPART_COUNTRY.ID");

    public TradeFile Read(string path)
    {
        var (rows, latin) = StatisticsText.CsvRows(path);
        using var e = rows.GetEnumerator();
        if (!e.MoveNext()) throw new ListFormatException(path, null, "the file is empty");
        var years = e.Current.Fields.Select((f, i) => (Year: int.TryParse(f.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 2100 ? y : 0, Index: i))
            .Where(c => c.Year > 0).ToArray();
        if (years.Length == 0) throw TradeFiles.Bad(path, 1, "the header has no year columns (2016, 2017, ...)");
        var set = new ObservationSet(path);
        var count = 0;
        foreach (var r in CsvTable.Read(path, Replay(e), Columns))
        {
            count++;
            var reporter = TradeAreas.FromImf(r["COUNTRY.ID"] ?? "") ?? throw TradeFiles.Bad(path, r.Line, $"COUNTRY.ID '{r["COUNTRY.ID"]}' is not a country this product knows");
            var partnerId = r["COUNTERPART_COUNTRY.ID"] ?? throw TradeFiles.Bad(path, r.Line, "COUNTERPART_COUNTRY.ID is empty");
            var partner = TradeAreas.FromImf(partnerId) ?? new TradeArea("IMF:" + partnerId.ToUpperInvariant(), AreaKind.Other, r["COUNTERPART_COUNTRY"] ?? partnerId);
            var flow = r["INDICATOR.ID"] switch
            {
                "MG_CIF_USD" => TradeFlow.Import,
                "XG_FOB_USD" => TradeFlow.Export,
                var other => throw TradeFiles.Bad(path, r.Line, $"INDICATOR.ID '{other}' is not imports CIF (MG_CIF_USD) or exports FOB (XG_FOB_USD) in US dollars"),
            };
            if (r["FREQUENCY.ID"] != "A") throw TradeFiles.Bad(path, r.Line, $"FREQUENCY.ID '{r["FREQUENCY.ID"]}' is not A: only annual series are read");
            var scale = r["SCALE.ID"] switch
            {
                "0" => 1d,
                "3" => 1e3,
                "6" => 1e6,
                "9" => 1e9,
                var other => throw TradeFiles.Bad(path, r.Line, $"SCALE.ID '{other}' is not a power of ten the IMF uses (0, 3, 6, 9)"),
            };
            foreach (var (year, index) in years)
            {
                var cell = Cells.Clean(index < r.Row.Fields.Length ? r.Row.Fields[index] : null);
                if (cell is null) continue;
                set.Add(new TradeObservation(reporter, partner, flow, ProductCode.Total, TradePeriod.OfYear(year),
                    TradeFiles.Amount(path, r.Line, year.ToString(CultureInfo.InvariantCulture), cell) * scale), r.Line);
            }
        }
        return new TradeFile(Name, "IMF (International Merchandise Trade Statistics)", "USD", "imports CIF, exports FOB", set.Observations, count, set.Notes(latin));
    }

    /// <summary>The rows again from the header on, for <see cref="CsvTable"/>, which reads the header itself.</summary>
    private static IEnumerable<CsvRow> Replay(IEnumerator<CsvRow> e)
    {
        yield return e.Current;
        while (e.MoveNext()) yield return e.Current;
    }
}

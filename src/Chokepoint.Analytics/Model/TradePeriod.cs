using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chokepoint.Analytics.Model;

/// <summary>A month (2024-08) or a whole year (2024), stored as yyyymm with month 00 for a year so that both sort in
/// time order.</summary>
[JsonConverter(typeof(TradePeriodJson))]
public readonly record struct TradePeriod : IComparable<TradePeriod>
{
    private TradePeriod(int year, int month) => (Year, Month) = (year, month);

    public int Year { get; }

    /// <summary>1–12, or 0 for a whole year.</summary>
    public int Month { get; }

    public bool IsYear => Month == 0;
    public int Key => Year * 100 + Month;

    public static TradePeriod OfMonth(int year, int month) =>
        year is >= 1900 and <= 2100 && month is >= 1 and <= 12 ? new(year, month) : throw new ArgumentOutOfRangeException(nameof(month), $"{year}-{month} is not a month.");

    public static TradePeriod OfYear(int year) =>
        year is >= 1900 and <= 2100 ? new(year, 0) : throw new ArgumentOutOfRangeException(nameof(year), $"{year} is not a year of trade statistics.");

    public static TradePeriod FromKey(int key) => key % 100 == 0 ? OfYear(key / 100) : OfMonth(key / 100, key % 100);

    /// <summary>2024 or 2024-08.</summary>
    public static TradePeriod Parse(string? text)
    {
        var t = (text ?? "").Trim();
        if (t.Length == 4 && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 2100) return OfYear(y);
        if (t.Length == 7 && t[4] == '-' && int.TryParse(t[..4], NumberStyles.None, CultureInfo.InvariantCulture, out y) && y is >= 1900 and <= 2100
            && int.TryParse(t[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12)
            return OfMonth(y, m);
        throw new TradeQueryException($"'{text}' is not a period; give a year (2023) or a month (2023-08).");
    }

    public int CompareTo(TradePeriod other) => Key.CompareTo(other.Key);

    public override string ToString() => IsYear ? Year.ToString(CultureInfo.InvariantCulture) : $"{Year:D4}-{Month:D2}";
}

/// <summary>A period in JSON as people write it: "2024" or "2024-08".</summary>
public sealed class TradePeriodJson : JsonConverter<TradePeriod>
{
    public override TradePeriod Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => TradePeriod.Parse(reader.GetString());

    public override void Write(Utf8JsonWriter writer, TradePeriod value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}

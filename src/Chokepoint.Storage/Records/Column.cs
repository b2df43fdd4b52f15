using System.Data.Common;
using System.Globalization;

namespace Chokepoint.Storage.Records;

/// <summary>
/// Columns whose type differs by dialect (docs/decisions/0009): PostgreSQL keeps days as DATE, flags as BOOLEAN and
/// JSON documents as JSONB (migration 0004); SQLite keeps days as ISO text, flags as 0/1 and JSON as text. Parameters
/// are given as DateOnly, bool and <see cref="JsonText"/>, which both drivers bind to their own column type, and read
/// back with these helpers, which accept either form.
/// </summary>
public static class Column
{
    public static DateOnly? Day(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetValue(i) switch
    {
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        string s => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        var other => throw new InvalidCastException($"Column {r.GetName(i)} holds {other.GetType().Name}, not a day."),
    };

    public static bool Flag(DbDataReader r, int i) => Convert.ToBoolean(r.GetValue(i), CultureInfo.InvariantCulture);

    /// <summary>A null day, typed so that PostgreSQL accepts it in a DATE column.</summary>
    public static object NullableDay(DateOnly? day) => day is { } d ? d : new TypedNull(System.Data.DbType.Date);

    /// <summary>A day kept as ISO text in a record (yyyy-MM-dd), as a DATE parameter.</summary>
    public static object NullableDay(string? isoDay) =>
        NullableDay(isoDay is null ? null : DateOnly.ParseExact(isoDay, "yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>A day column read back as the ISO text a record keeps.</summary>
    public static string? IsoDay(DbDataReader r, int i) => Day(r, i)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>A JSON document (or null) as a parameter: JSONB on PostgreSQL, text on SQLite.</summary>
public readonly record struct JsonText(string? Text);

/// <summary>A null parameter of a given SQL type.</summary>
public sealed record TypedNull(System.Data.DbType Type);

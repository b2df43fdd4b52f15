using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Chokepoint.Analytics.Model;
using Chokepoint.Analytics.Reading;
using Chokepoint.Storage;
using Chokepoint.Storage.Records;
using Npgsql;
using NpgsqlTypes;

namespace Chokepoint.Analytics.Store;

/// <summary>
/// Trade statistics in the record database (SQLite or PostgreSQL), kept like list snapshots: each file is a dataset
/// version with its provenance, imported in one transaction; importing the same bytes again changes nothing; a
/// version that would shrink the dataset to under half its figures, or end earlier than the one serving, is refused
/// unless forced, and the serving one stays. Measures read the active version of every dataset.
/// </summary>
public sealed class TradeStore(RecordDatabase db, TimeProvider clock)
{
    private const string DatasetColumns = "id, name, version, format, publisher, file_name, sha256, currency, valuation, first_period, last_period, rows_read, observations, notes, imported_at, imported_by, active";

    public RecordDatabase Database => db;

    public Task EnsureSchemaAsync(CancellationToken ct) => db.MigrateAsync(ct);

    /// <summary>Reads a file of any known format and stores it as the next version of its dataset (by default named
    /// after the file).</summary>
    public async Task<TradeImport> ImportAsync(string path, string actor, CancellationToken ct, string? name = null, bool force = false)
    {
        var file = TradeFiles.Read(path);
        if (file.Observations.Count == 0) throw new Chokepoint.Core.Reading.ListFormatException(path, null, $"no figures: {file.RowsRead} row(s) were read and none had a value");
        name = string.IsNullOrWhiteSpace(name) ? Path.GetFileName(path) : name.Trim();
        if (name.Length > 200) throw new TradeQueryException("A dataset name has at most 200 characters.");
        string sha;
        await using (var stream = File.OpenRead(path)) sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct).ConfigureAwait(false));
        var periods = file.Observations.Select(o => o.Period).ToList();
        var (first, last) = (periods.Min(), periods.Max());
        if (periods.Any(p => p.IsYear != first.IsYear))
            throw new Chokepoint.Core.Reading.ListFormatException(path, null, "the file mixes monthly and annual figures; a year would be counted beside its months");

        await using var connection = await db.ConnectAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var serving = (await DatasetsAsync(connection, tx, "WHERE name = @n AND active = 1" + db.ForUpdate, ct, ("n", name)).ConfigureAwait(false)).SingleOrDefault();
        if (serving is not null)
        {
            if (serving.Sha256 == sha) return new TradeImport(serving, Unchanged: true);
            if (!force && file.Observations.Count * 2 < serving.Observations)
                throw new TradeImportRefusedException($"{name}: the new file has {file.Observations.Count:N0} figures where version {serving.Version} has {serving.Observations:N0}; a file that lost half its figures is cut off or filtered. Version {serving.Version} keeps serving; import with --force if the shrink is real.");
            if (!force && last.CompareTo(serving.Last) < 0)
                throw new TradeImportRefusedException($"{name}: the new file ends in {last} where version {serving.Version} runs to {serving.Last}; an older download would replace newer figures. Version {serving.Version} keeps serving; import with --force to replace it.");
            if (serving.Currency != file.Currency)
                throw new TradeImportRefusedException($"{name}: the new file is in {file.Currency} where version {serving.Version} is in {serving.Currency}; import it under another name.");
        }
        var version = serving is null ? 1 : Convert.ToInt32(await Scalar(connection, tx, "SELECT MAX(version) FROM trade_datasets WHERE name = @n", ct, ("n", name)).ConfigureAwait(false), CultureInfo.InvariantCulture) + 1;
        var now = clock.GetUtcNow().ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        var notes = JsonSerializer.Serialize(file.Notes);
        var id = Convert.ToInt64(await Scalar(connection, tx,
            "INSERT INTO trade_datasets (name, version, format, publisher, file_name, sha256, currency, valuation, first_period, last_period, rows_read, observations, notes, imported_at, imported_by, active) " +
            "VALUES (@n, @v, @f, @p, @fn, @s, @c, @val, @first, @last, @rows, @obs, @notes, @at, @by, 0) RETURNING id", ct,
            ("n", name), ("v", version), ("f", file.Format), ("p", file.Publisher), ("fn", Path.GetFileName(path)), ("s", sha), ("c", file.Currency),
            ("val", file.Valuation), ("first", first.Key), ("last", last.Key), ("rows", file.RowsRead), ("obs", file.Observations.Count),
            ("notes", notes), ("at", now), ("by", actor)).ConfigureAwait(false), CultureInfo.InvariantCulture);
        await InsertAsync(connection, tx, id, file.Observations, ct).ConfigureAwait(false);
        if (serving is not null) await Execute(connection, tx, "UPDATE trade_datasets SET active = 0 WHERE id = @id", ct, ("id", serving.Id)).ConfigureAwait(false);
        await Execute(connection, tx, "UPDATE trade_datasets SET active = 1 WHERE id = @id", ct, ("id", id)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return new TradeImport(new TradeDataset(id, name, version, file.Format, file.Publisher, Path.GetFileName(path), sha, file.Currency, file.Valuation,
            first, last, file.RowsRead, file.Observations.Count, file.Notes, now, actor, true), Unchanged: false);
    }

    /// <summary>Every dataset version, newest first within each name; only the serving ones when asked.</summary>
    public async Task<IReadOnlyList<TradeDataset>> DatasetsAsync(bool activeOnly, CancellationToken ct)
    {
        await using var connection = await db.ConnectAsync(ct).ConfigureAwait(false);
        return await DatasetsAsync(connection, null, (activeOnly ? "WHERE active = 1 " : "") + "ORDER BY name, version DESC", ct).ConfigureAwait(false);
    }

    /// <summary>The figures of one series (and the datasets they come from), in period order. Two serving datasets
    /// that both hold the series for the same year would count the same trade twice: that is refused unless one is
    /// named.</summary>
    public async Task<TradeSeries> SeriesAsync(SeriesKey key, CancellationToken ct, string? dataset = null) =>
        (await SeriesAsync(key.Reporter, key.Flow, key.Product, key.Partner, ct, dataset).ConfigureAwait(false)).Single();

    /// <summary>Every partner's series for a reporter, flow and product (or one partner's when given).</summary>
    public async Task<IReadOnlyList<TradeSeries>> SeriesAsync(TradeArea reporter, TradeFlow flow, ProductCode product, TradeArea? partner, CancellationToken ct, string? dataset = null)
    {
        await using var connection = await db.ConnectAsync(ct).ConfigureAwait(false);
        var datasets = (await DatasetsAsync(connection, null, "WHERE active = 1", ct).ConfigureAwait(false)).ToDictionary(d => d.Id);
        if (dataset is not null && !datasets.Values.Any(d => d.Name == dataset))
            throw new TradeQueryException($"No dataset '{dataset}' is serving; serving: {Names(datasets.Values)}.", notFound: true);
        var sql = "SELECT o.dataset_id, o.partner, o.period, o.value, o.quantity, o.unit FROM trade_observations o JOIN trade_datasets d ON d.id = o.dataset_id AND d.active = 1 " +
                  "WHERE o.reporter = @r AND o.flow = @f AND o.product = @p" + (partner is null ? "" : " AND o.partner = @partner") + (dataset is null ? "" : " AND d.name = @d") +
                  " ORDER BY o.partner, o.period";
        var rows = new Dictionary<string, List<(long Dataset, TradePoint Point)>>(StringComparer.Ordinal);
        (string, object?)[] args = [("r", reporter.Code), ("f", flow.Letter()), ("p", product.Code), .. partner is null ? [] : new[] { ("partner", (object?)partner.Value.Code) },
            .. dataset is null ? [] : new[] { ("d", (object?)dataset) }];
        await using (var cmd = RecordDatabase.Command(connection, null, sql, args))
        await using (var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                var p = r.GetString(1);
                if (!rows.TryGetValue(p, out var list)) rows[p] = list = [];
                list.Add((r.GetInt64(0), new TradePoint(TradePeriod.FromKey(r.GetInt32(2)), r.GetDouble(3), r.IsDBNull(4) ? null : r.GetDouble(4), r.IsDBNull(5) ? null : r.GetString(5))));
            }
        if (rows.Count == 0)
            throw new TradeQueryException($"No figures for {reporter} {flow.Word()} of {product}{(partner is null ? "" : $" with {partner}")}" +
                $"{(dataset is null ? "" : $" in {dataset}")}. {await WhatIsStoredAsync(connection, reporter, flow, ct).ConfigureAwait(false)}", notFound: true);
        var series = new List<TradeSeries>();
        foreach (var (p, list) in rows)
        {
            var used = list.Select(x => x.Dataset).Distinct().Select(id => datasets[id]).ToList();
            if (used.Count > 1)
            {
                var years = list.GroupBy(x => x.Point.Period.Year).FirstOrDefault(g => g.Select(x => x.Dataset).Distinct().Count() > 1);
                if (years is not null)
                    throw new TradeQueryException($"{reporter} {flow.Word()} of {product} with {p} in {years.Key} is in {Names(used)}: adding them would count the same trade twice; name one dataset.");
            }
            var currencies = used.Select(d => d.Currency).Distinct().ToList();
            if (currencies.Count > 1) throw new TradeQueryException($"{reporter} {flow.Word()} with {p} comes from datasets in {string.Join(" and ", currencies)}; name one dataset.");
            series.Add(new TradeSeries(new SeriesKey(reporter, AreaOf(p), flow, product), currencies[0], used, [.. list.Select(x => x.Point)]));
        }
        return series;
    }

    /// <summary>Annual totals of every partner and product at one level that a reporter trades (the corridors).</summary>
    public async Task<IReadOnlyList<(TradeArea Partner, ProductCode Product, string Currency, IReadOnlyList<TradePoint> Years)>> YearsByPartnerAndProductAsync(
        TradeArea reporter, TradeFlow flow, int level, CancellationToken ct)
    {
        await using var connection = await db.ConnectAsync(ct).ConfigureAwait(false);
        // Months are added up per year here; the month count says whether a year is whole. Quantity is not summed.
        var datasets = (await DatasetsAsync(connection, null, "WHERE active = 1", ct).ConfigureAwait(false)).ToDictionary(d => d.Id);
        var sql = "SELECT o.partner, o.product, d.currency, o.period / 100, SUM(o.value), MIN(o.dataset_id), COUNT(DISTINCT o.dataset_id) FROM trade_observations o " +
                  "JOIN trade_datasets d ON d.id = o.dataset_id AND d.active = 1 WHERE o.reporter = @r AND o.flow = @f AND o.product_level = @l " +
                  "GROUP BY o.partner, o.product, d.currency, o.period / 100 ORDER BY o.partner, o.product, o.period / 100";
        var result = new Dictionary<(string, string, string), List<TradePoint>>();
        await using (var cmd = RecordDatabase.Command(connection, null, sql, ("r", reporter.Code), ("f", flow.Letter()), ("l", level)))
        await using (var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                var k = (r.GetString(0), r.GetString(1), r.GetString(2));
                if (Convert.ToInt32(r.GetValue(6), CultureInfo.InvariantCulture) > 1)
                    throw new TradeQueryException($"{reporter} {flow.Word()} of {k.Item2} with {k.Item1} in {r.GetValue(3)} come from two serving datasets: adding them would count the same trade twice.");
                if (!result.TryGetValue(k, out var list)) result[k] = list = [];
                // A year is whole when its dataset covers its twelve months, whether or not every month had trade.
                var year = Convert.ToInt32(r.GetValue(3), CultureInfo.InvariantCulture);
                var d = datasets[Convert.ToInt64(r.GetValue(5), CultureInfo.InvariantCulture)];
                var months = d.First.IsYear ? 12 : Enumerable.Range(1, 12).Count(m => d.First.Key <= year * 100 + m && year * 100 + m <= d.Last.Key);
                list.Add(new TradePoint(TradePeriod.OfYear(year), r.GetDouble(4), null, null, months));
            }
        if (result.Count == 0)
            throw new TradeQueryException($"No {flow.Word()} of {reporter} at product level {level} are stored. {await WhatIsStoredAsync(connection, reporter, flow, ct).ConfigureAwait(false)}", notFound: true);
        return [.. result.Select(kv => (AreaOf(kv.Key.Item1), ProductCode.Parse(kv.Key.Item2), kv.Key.Item3, (IReadOnlyList<TradePoint>)kv.Value))];
    }

    private static TradeArea AreaOf(string code) =>
        code.Contains(':', StringComparison.Ordinal) ? new TradeArea(code, AreaKind.Other, code) : TradeAreas.Parse(code);

    private static string Names(IEnumerable<TradeDataset> datasets) =>
        datasets.Any() ? string.Join(", ", datasets.Select(d => d.Name).Order(StringComparer.Ordinal)) : "none (import some with `chokepoint trade import`)";

    /// <summary>For an empty answer: what the store does hold for the reporter and flow, so the next question is right.</summary>
    private static async Task<string> WhatIsStoredAsync(DbConnection connection, TradeArea reporter, TradeFlow flow, CancellationToken ct)
    {
        var products = new List<string>();
        await using (var cmd = RecordDatabase.Command(connection, null, "SELECT DISTINCT o.product FROM trade_observations o JOIN trade_datasets d ON d.id = o.dataset_id AND d.active = 1 WHERE o.reporter = @r AND o.flow = @f ORDER BY o.product",
                         ("r", reporter.Code), ("f", flow.Letter())))
        await using (var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
            while (await r.ReadAsync(ct).ConfigureAwait(false) && products.Count < 20) products.Add(r.GetString(0));
        if (products.Count > 0) return $"Products stored for {reporter} {flow.Word()}: {string.Join(", ", products)}.";
        var reporters = new List<string>();
        await using (var cmd = RecordDatabase.Command(connection, null, "SELECT DISTINCT o.reporter FROM trade_observations o JOIN trade_datasets d ON d.id = o.dataset_id AND d.active = 1 WHERE o.flow = @f ORDER BY o.reporter", ("f", flow.Letter())))
        await using (var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
            while (await r.ReadAsync(ct).ConfigureAwait(false) && reporters.Count < 40) reporters.Add(r.GetString(0));
        return reporters.Count > 0 ? $"Reporters with {flow.Word()} stored: {string.Join(", ", reporters)}." : $"No {flow.Word()} are stored at all.";
    }

    private async Task InsertAsync(DbConnection connection, DbTransaction tx, long dataset, IReadOnlyList<TradeObservation> observations, CancellationToken ct)
    {
        if (connection is NpgsqlConnection pg)
        {
            await using var copy = await pg.BeginBinaryImportAsync("COPY trade_observations (dataset_id, reporter, partner, flow, product, product_level, period, value, quantity, unit) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false);
            foreach (var o in observations)
            {
                await copy.StartRowAsync(ct).ConfigureAwait(false);
                await copy.WriteAsync(dataset, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
                await copy.WriteAsync(o.Reporter.Code, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await copy.WriteAsync(o.Partner.Code, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await copy.WriteAsync(o.Flow.Letter(), NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await copy.WriteAsync(o.Product.Code, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await copy.WriteAsync(o.Product.Level, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
                await copy.WriteAsync(o.Period.Key, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
                await copy.WriteAsync(o.Value, NpgsqlDbType.Double, ct).ConfigureAwait(false);
                if (o.Quantity is { } q) await copy.WriteAsync(q, NpgsqlDbType.Double, ct).ConfigureAwait(false); else await copy.WriteNullAsync(ct).ConfigureAwait(false);
                if (o.Unit is { } u) await copy.WriteAsync(u, NpgsqlDbType.Text, ct).ConfigureAwait(false); else await copy.WriteNullAsync(ct).ConfigureAwait(false);
            }
            await copy.CompleteAsync(ct).ConfigureAwait(false);
            return;
        }
        await using var insert = RecordDatabase.Command(connection, tx,
            "INSERT INTO trade_observations (dataset_id, reporter, partner, flow, product, product_level, period, value, quantity, unit) VALUES (@d, @r, @p, @f, @c, @l, @t, @v, @q, @u)",
            ("d", dataset), ("r", ""), ("p", ""), ("f", ""), ("c", ""), ("l", 0), ("t", 0), ("v", 0d), ("q", 0d), ("u", ""));
        foreach (var o in observations)
        {
            var ps = insert.Parameters;
            (ps["r"].Value, ps["p"].Value, ps["f"].Value, ps["c"].Value, ps["l"].Value, ps["t"].Value, ps["v"].Value) =
                (o.Reporter.Code, o.Partner.Code, o.Flow.Letter(), o.Product.Code, o.Product.Level, o.Period.Key, o.Value);
            ps["q"].Value = o.Quantity is { } q ? q : DBNull.Value;
            ps["u"].Value = (object?)o.Unit ?? DBNull.Value;
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    private static async Task<IReadOnlyList<TradeDataset>> DatasetsAsync(DbConnection connection, DbTransaction? tx, string where, CancellationToken ct, params (string, object?)[] args)
    {
        var list = new List<TradeDataset>();
        await using var cmd = RecordDatabase.Command(connection, tx, $"SELECT {DatasetColumns} FROM trade_datasets {where}", args);
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
            list.Add(new TradeDataset(r.GetInt64(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7), r.GetString(8),
                TradePeriod.FromKey(r.GetInt32(9)), TradePeriod.FromKey(r.GetInt32(10)), r.GetInt32(11), r.GetInt32(12),
                JsonSerializer.Deserialize<string[]>(r.GetString(13)) ?? [], r.GetString(14), r.GetString(15), r.GetInt32(16) == 1));
        return list;
    }

    private static async Task<object?> Scalar(DbConnection c, DbTransaction tx, string sql, CancellationToken ct, params (string, object?)[] args)
    {
        await using var cmd = RecordDatabase.Command(c, tx, sql, args);
        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false);
    }

    private static async Task Execute(DbConnection c, DbTransaction tx, string sql, CancellationToken ct, params (string, object?)[] args)
    {
        await using var cmd = RecordDatabase.Command(c, tx, sql, args);
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}

/// <summary>An import refused to keep the serving version (a shrink, an older file, another currency).</summary>
public sealed class TradeImportRefusedException(string message) : Exception(message);

using Chokepoint.Analytics.Measures;
using Chokepoint.Analytics.Model;
using Chokepoint.Analytics.Store;
using Chokepoint.Core.Identity;
using Chokepoint.Server.Security;

namespace Chokepoint.Server.Api;

/// <summary>GET /api/trade/...: the trade measures of `chokepoint trade`, read-only over the imported datasets
/// (imports run from the command line). An unknown area, product, flow or dataset is 400, a series not stored 404.</summary>
public static class TradeApi
{
    public static void MapTradeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/trade").RequirePermission(Permission.ReadTradeStatistics);

        api.MapGet("/datasets", async (TradeStore store, bool? all, CancellationToken ct) => TypedResults.Ok(await store.DatasetsAsync(all != true, ct)))
            .WithSummary("The trade datasets stored, with provenance (publisher, file, SHA-256, periods)");

        api.MapGet("/growth", async (TradeStore store, string? reporter, string? partner, string? flow, string? product, string? baseline, bool? monthly, string? dataset, CancellationToken ct) =>
                TypedResults.Ok(Growth.Of(await store.SeriesAsync(new SeriesKey(TradeAreas.Parse(reporter), TradeAreas.Parse(partner), TradeFlows.Parse(flow), Product(product)), ct, dataset),
                    Base(baseline), monthly == true)))
            .WithSummary("Growth of a flow against its baseline (default 2019–2021): index and change per period");

        api.MapGet("/shares", async (TradeStore store, string? reporter, string? flow, string[]? partner, int? top, string? product, string? dataset, CancellationToken ct) =>
                TypedResults.Ok(Shares.Of(await store.SeriesAsync(TradeAreas.Parse(reporter), TradeFlows.Parse(flow), Product(product), null, ct, dataset),
                    [.. (partner ?? []).Select(TradeAreas.Parse)], top ?? 5)))
            .WithSummary("Partner shares of a reporter's imports or exports per year, of its total with the world");

        api.MapGet("/mirror", async (TradeStore store, string? reporter, string? partner, string? flow, string? mirrorPartner, string? product, CancellationToken ct) =>
            {
                var (a, b, f, p) = (TradeAreas.Parse(reporter), TradeAreas.Parse(partner), TradeFlows.Parse(flow ?? "export"), Product(product));
                var aName = mirrorPartner is null ? a : TradeAreas.Parse(mirrorPartner);
                return TypedResults.Ok(Mirror.Of(await store.SeriesAsync(new SeriesKey(a, b, f, p), ct),
                    await store.SeriesAsync(new SeriesKey(b, aName, f == TradeFlow.Export ? TradeFlow.Import : TradeFlow.Export, p), ct)));
            })
            .WithSummary("What A reports sending to B against what B reports receiving from A");

        api.MapGet("/reexport", async (TradeStore store, string? hub, string[]? origin, string? destination, string? product, bool? monthly, string? dataset, CancellationToken ct) =>
            {
                var h = TradeAreas.Parse(hub);
                var p = ProductCode.Parse(product);
                if (origin is not { Length: > 0 }) throw new TradeQueryException("Name at least one origin (origin=CN).");
                var imports = new List<TradeSeries>();
                foreach (var o in origin) imports.Add(await store.SeriesAsync(new SeriesKey(h, TradeAreas.Parse(o), TradeFlow.Import, p), ct, dataset));
                return TypedResults.Ok(ReExport.Of(imports, await store.SeriesAsync(new SeriesKey(h, TradeAreas.Parse(destination), TradeFlow.Export, p), ct, dataset), monthly == true));
            })
            .WithSummary("A hub's imports of a product from its origins against its exports of it to a destination");

        api.MapGet("/corridors", async (TradeStore store, string? reporter, string? flow, int? level, int? year, string? baseline, double? minBaseline, CancellationToken ct) =>
            {
                var (r, f, l) = (TradeAreas.Parse(reporter), TradeFlows.Parse(flow ?? "export"), level ?? 4);
                if (l is not (0 or 2 or 4 or 6)) throw new TradeQueryException($"level {l} is not 0, 2, 4 or 6.");
                return TypedResults.Ok(Corridors.Rank(r, f, l, await store.YearsByPartnerAndProductAsync(r, f, l, ct), Base(baseline), year, minBaseline ?? 1_000_000));
            })
            .WithSummary("Destination × product corridors ranked by how far their growth since 2022 stands out");
    }

    private static ProductCode Product(string? text) => text is null ? ProductCode.Total : ProductCode.Parse(text);
    private static Baseline Base(string? text) => text is null ? Baseline.Default : Baseline.Parse(text);
}

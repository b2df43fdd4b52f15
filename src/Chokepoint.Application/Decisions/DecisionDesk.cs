using System.Text.Json;
using Chokepoint.Application.Goods;
using Chokepoint.Core.Identity;
using Chokepoint.Matching.Screening;
using Chokepoint.Rules.Decisions;
using Chokepoint.Rules.Goods;
using Chokepoint.Rules.RuleData;
using Chokepoint.Rules.Shipments;

namespace Chokepoint.Application.Decisions;

/// <summary>
/// The decision engine and the classification assistant, composed once for every host: parties screened by the
/// given screener (remembered per index), goods reference data read once from its folder on first use, the licences
/// of the given book, classification records applied, and "today" a UTC calendar day. Every decision names who
/// asked for it.
/// </summary>
public sealed class DecisionDesk(Screener screener, string? goodsFolder, ILicenceBook licences, ClassificationRecords records, TimeProvider clock,
    Monitoring.ScreeningRecords? screenings = null)
{
    private readonly Lazy<GoodsReference> _goods = new(() => GoodsReference.LoadFrom(goodsFolder));
    private readonly PartyScreener _parties = new(screener);

    /// <summary>The goods reference data; a missing folder or unreadable file throws here, on first use.</summary>
    public GoodsReference Goods => _goods.Value;

    public ClassificationRecords Records => records;

    public DateOnly Today => ShipmentCheck.Today(clock);

    public DecisionEngine Engine() => new(_parties, goods: Goods, licences: licences);

    /// <summary>Decides a shipment: its classification records applied, as of its own date or else <paramref name="today"/> (default: today in UTC).</summary>
    public async Task<ShipmentDecision> CheckAsync(Shipment shipment, Actor actor, CancellationToken ct, DateOnly? today = null)
    {
        var engine = Engine();
        var prepared = await ShipmentCheck.PrepareAsync(shipment, records, today ?? Today, ct).ConfigureAwait(false);
        var decision = engine.Decide(prepared) with { DecidedBy = actor.Username };
        return (await RecordAsync([decision], actor, ct).ConfigureAwait(false))[0];
    }

    /// <summary>Puts each decision's party screenings on record, as any other screening (a bulk check decides with
    /// <see cref="Engine"/> and records a block at a time); returns the decisions naming their screenings. The
    /// engine's answers are remembered per index, so asking again costs nothing and gives the hits it used.</summary>
    public async Task<ShipmentDecision[]> RecordAsync(IReadOnlyList<ShipmentDecision> decisions, Actor actor, CancellationToken ct)
    {
        if (screenings is null) return [.. decisions];
        var options = _parties.Options;
        var screened = decisions.SelectMany(d => d.Screening.Select(p => ((ScreenOptions, ScreenResult?))(options,
            new ScreenResult(p.Query!, _parties.Screen(p.Query!), _parties.Snapshots, 0) { ScreenedBy = actor.Username }))).ToList();
        var ids = await screenings.RecordAsync(actor, "shipment check", screened, ct).ConfigureAwait(false);
        var result = new ShipmentDecision[decisions.Count];
        var at = 0;
        for (var i = 0; i < decisions.Count; i++)
        {
            var n = decisions[i].Screening.Count;
            result[i] = decisions[i] with { ScreeningIds = [.. ids.Skip(at).Take(n)] };
            at += n;
        }
        return result;
    }

    public Classification Classify(ClassificationRequest request, DateOnly? day) =>
        new Classifier(Goods, RuleBook.Default).Classify(request, day ?? Today);

    /// <summary>A fixed set of licences from a JSON file (docs/examples/licences.json).</summary>
    public static LicenceList LicencesFromFile(string path) =>
        new(JsonSerializer.Deserialize<List<LicenceView>>(File.ReadAllText(path), ShipmentJson.Options) ?? []);
}

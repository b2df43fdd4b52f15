using System.Text.Json;
using Chokepoint.Application.Decisions;
using Chokepoint.Application.Goods;
using Chokepoint.Rules.Decisions;
using Chokepoint.Rules.Goods;
using Chokepoint.Rules.RuleData;
using Chokepoint.Rules.Shipments;

namespace Chokepoint.Server;

/// <summary>
/// The decision engine and classification assistant over the screening service's lists and the goods reference data
/// (read once from <see cref="ServerOptions.Data"/>). Licences are those the licensing module holds, or a fixed file
/// (<see cref="ServerOptions.LicencesFile"/>).
/// </summary>
public sealed class DecisionService(ServerOptions options, ScreeningService screening, TimeProvider clock, Chokepoint.Licensing.Storage.LicensingStore licensing,
    ClassificationRecords records)
{
    private readonly Lazy<GoodsReference> _goods = new(() => GoodsReference.LoadFrom(options.Data));
    private readonly Lazy<PartyScreener> _screener = new(() => new PartyScreener(screening.Screener));
    private readonly Lazy<ILicenceBook> _licences = new(() => options.LicencesFile is { } f
        ? new LicenceList(JsonSerializer.Deserialize<List<LicenceView>>(File.ReadAllText(f), ShipmentJson.Options) ?? [])
        : new Chokepoint.Licensing.Licences.StoredLicenceBook(licensing));

    public DecisionEngine Engine() => new(_screener.Value, goods: _goods.Value, licences: _licences.Value);

    /// <summary>Decides a shipment as the command line does: classification records applied, today in UTC.</summary>
    public async Task<ShipmentDecision> CheckAsync(Shipment shipment, CancellationToken ct)
    {
        var engine = Engine();
        return engine.Decide(await ShipmentCheck.PrepareAsync(shipment, records, ShipmentCheck.Today(clock), ct));
    }

    public Classification Classify(ClassificationRequest request, DateOnly? day) =>
        new Classifier(_goods.Value, RuleBook.Default).Classify(request, day ?? ShipmentCheck.Today(clock));
}

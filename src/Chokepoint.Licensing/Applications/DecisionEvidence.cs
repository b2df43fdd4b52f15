using Chokepoint.Core.Identity;
using System.Text.Json;
using Chokepoint.Rules.Decisions;
using Chokepoint.Rules.Shipments;

namespace Chokepoint.Licensing.Applications;

/// <summary>
/// Evidence for an officer: the export the application describes, screened and decided by the decision engine as of
/// the submission day. The applicant is the exporter; the end user is consignee and end user.
/// </summary>
public sealed class DecisionEvidence(Func<DecisionEngine> engine) : IApplicationEvidence
{
    public (string Json, bool Flagged, string Versions) Evaluate(ApplicationBody body, string exporterName, string exporterCountry, DateOnly day)
    {
        var regime = body.Jurisdiction;
        var shipment = new Shipment
        {
            Id = "application",
            Exporter = new Exporter { Name = exporterName, Country = exporterCountry },
            EvaluationDate = day,
            Items = body.Items.Select(i => new Item
            {
                Description = i.Description, HsCode = i.HsCode, Quantity = i.Quantity, Unit = i.Unit, Value = i.Value, Currency = i.Currency,
                ControlCodes = i.ControlCode is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [regime] = i.ControlCode },
            }).ToList(),
            Parties = [new Party { Name = body.EndUser!.Name, Country = body.EndUser.Country, Roles = ["consignee", "endUser"] }],
            Destination = body.Destination,
            EndUse = body.EndUse,
        };
        var decision = engine().Decide(shipment);
        var flagged = decision.Decision is Decision.Prohibited or Decision.HoldForReview || decision.RedFlags.Count > 0;
        var versions = $"{decision.RuleDataVersion}; lists {string.Join(",", decision.ListSnapshots)}";
        return (JsonSerializer.Serialize(decision, ShipmentJson.Options), flagged, versions);
    }
}

using Chokepoint.Core.Identity;
using Chokepoint.Licensing.Storage;
using Chokepoint.Rules.Decisions;

namespace Chokepoint.Licensing.Licences;

/// <summary>The decision engine's view of the licences held here: state, validity, lines and balances as stored now.</summary>
public sealed class StoredLicenceBook(LicensingStore store) : ILicenceBook
{
    public LicenceView? Find(string number)
    {
        // The engine's interface is synchronous; this read is short and runs on its own connection.
        return Task.Run(async () =>
        {
            await using var u = await store.BeginAsync(CancellationToken.None);
            LicenceDetails l;
            try { l = await LicenceService.LoadAsync(u, number, CancellationToken.None); }
            catch (LicensingException e) when (e.Failure == Failure.NotFound) { return null; }
            return new LicenceView(l.Number, l.Jurisdiction, l.Type, l.State.ToString(), l.ValidFrom, l.ValidTo, l.Lines.Select(x => new LicenceLineView(
                x.Line, x.ControlCode, x.HsCode, x.ControlMode is ControlMode.Quantity or ControlMode.Both ? x.Quantity : null, x.QuantityUsed, x.Unit,
                x.ControlMode is ControlMode.Value or ControlMode.Both ? x.Value : null, x.ValueUsed, x.Currency, [l.EndUser], [l.Destination])).ToList());
        }).GetAwaiter().GetResult();
    }
}

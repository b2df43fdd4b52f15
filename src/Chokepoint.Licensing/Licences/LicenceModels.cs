using Chokepoint.Core.Identity;
namespace Chokepoint.Licensing.Licences;

/// <summary>Licence states: Issued → Active ⇄ Suspended → Exhausted | Expired | Revoked | Surrendered.</summary>
public enum LicenceState { Issued, Active, Suspended, Exhausted, Expired, Revoked, Surrendered }

/// <summary>How a line is controlled: by quantity, value, both, or neither (open).</summary>
public enum ControlMode { Quantity, Value, Both, Open }

public sealed record LineRequest(string Description, string? ControlCode, string? HsCode, decimal? Quantity, string? Unit, decimal? Value, string? Currency,
    ControlMode ControlMode = ControlMode.Both, decimal Tolerance = 0);

/// <summary>Issuing a licence for an approved application. Lines default to the application's items.</summary>
public sealed record IssueRequest(string Type, DateOnly ValidFrom, DateOnly ValidTo, string? Number = null, IReadOnlyList<LineRequest>? Lines = null);

public sealed record LineView(int Line, string Description, string? ControlCode, string? HsCode, decimal? Quantity, decimal QuantityUsed, string? Unit,
    decimal? Value, decimal ValueUsed, string? Currency, ControlMode ControlMode, decimal Tolerance);

public sealed record LicenceDetails(long Id, string Number, long ApplicationId, long OrganisationId, string Jurisdiction, string Type, LicenceState State,
    DateOnly ValidFrom, DateOnly ValidTo, string EndUser, string Destination, string? EndUse, IReadOnlyList<LineView> Lines)
{
    /// <summary>ValidTo is the last day of use, as the licence states it.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Chokepoint.Core.Values.DateRange Validity => Chokepoint.Core.Values.DateRange.Through(ValidFrom, ValidTo);
}

/// <summary>One use of a licence line by one export declaration.</summary>
public sealed record UsageLine(int Line, decimal Quantity, decimal Value);

public sealed record UsageRequest(string DeclarationRef, DateOnly Date, IReadOnlyList<UsageLine> Lines);

public sealed record UsageResult(string Licence, string DeclarationRef, bool Replayed, LicenceState State, IReadOnlyList<LineView> Lines);

/// <summary>A row of a customs usage batch.</summary>
public sealed record BatchRow(string Licence, int Line, string DeclarationRef, DateOnly Date, decimal Quantity, decimal Value);

public sealed record BatchRequest(string BatchId, IReadOnlyList<BatchRow> Rows);

public sealed record BatchRowResult(int Row, bool Accepted, string? Reason);

public sealed record BatchResult(string BatchId, bool Repeated, IReadOnlyList<BatchRowResult> Rows);

/// <summary>A change to a licence. Changes of end user, destination, item or end use need a new application (CN Art 18).</summary>
public sealed record AmendRequest(string Field, string Value, string Reason);

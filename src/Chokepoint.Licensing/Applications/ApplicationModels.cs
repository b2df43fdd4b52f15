using Chokepoint.Core.Identity;
namespace Chokepoint.Licensing.Applications;

/// <summary>Application states. Draft → Submitted → UnderReview ⇄ InformationRequested → Approved | Refused |
/// Withdrawn, plus Returned (sent back to the applicant to correct and resubmit).</summary>
public enum ApplicationState { Draft, Submitted, UnderReview, InformationRequested, Approved, Refused, Withdrawn, Returned }

/// <summary>
/// What an applicant files (PRC Decree 792 Art 16: identity, contract, technical specification, items with control
/// codes, destination, end user, end use, end-user and end-use certificates), with EU and US variants as optional
/// fields. Certificates are attachments, named here.
/// </summary>
public sealed record ApplicationBody
{
    public string Jurisdiction { get; init; } = "CN";
    public string LicenceType { get; init; } = "single";
    public ApplicantIdentity? Applicant { get; init; }
    public ContractFacts? Contract { get; init; }
    public string? TechnicalSpecification { get; init; }
    public IReadOnlyList<ApplicationItem> Items { get; init; } = [];
    public string? Destination { get; init; }
    public EndUserFacts? EndUser { get; init; }
    public string? EndUse { get; init; }
    public string? EndUserCertificate { get; init; }
    public string? EndUseCertificate { get; init; }

    /// <summary>EU variant: the exporter's EORI number; US variant: the BIS-748P fields that have no field here.</summary>
    public string? Eori { get; init; }
    public IReadOnlyDictionary<string, string>? Variants { get; init; }
}

public sealed record ApplicantIdentity(string Name, string? Address = null, string? RegistrationNumber = null, string? Country = null);

public sealed record ContractFacts(string? Number = null, DateOnly? Date = null, decimal? Value = null, string? Currency = null);

public sealed record ApplicationItem(string Description, string? ControlCode, string HsCode, decimal Quantity, string Unit, decimal Value, string Currency);

public sealed record EndUserFacts(string Name, string Country, string? Address = null);

/// <summary>An application as the API shows it: its filing, state, review clock, evidence and outcome.</summary>
public sealed record ApplicationView(
    long Id, long OrganisationId, ApplicationState State, ApplicationBody Body, string? SubmittedOn, ReviewClock? Clock,
    System.Text.Json.Nodes.JsonNode? Evidence, Outcome? Outcome, IReadOnlyList<AttachmentView> Attachments, IReadOnlyList<string> Messages);

public sealed record AttachmentView(long Id, string Name, string Sha256, long Size);

/// <summary>An officer's decision. A countersignature is needed above the value threshold or when the rules flagged
/// the application; changing the outcome voids it.</summary>
public sealed record Outcome(string Decision, string DecidedBy, string? Conditions, string? Reason, bool CountersignRequired, string? CountersignedBy);

/// <summary>The statutory review clock (CN: 45 working days, Decree 792 Art 17), paused while information is requested.</summary>
public sealed record ReviewClock(string Started, int LimitWorkingDays, int PausedWorkingDays, string? PausedSince, string Due, bool Paused);

namespace Chokepoint.Licensing.Accounts;

/// <summary>Who may do what. Applicants and compliance officers act for an exporter organisation; licensing officers
/// for the authority; auditors read everything; administrators manage accounts.</summary>
public static class Roles
{
    public const string Applicant = "applicant";
    public const string LicensingOfficer = "licensing-officer";
    public const string ComplianceOfficer = "compliance-officer";
    public const string Auditor = "auditor";
    public const string Administrator = "administrator";

    public static readonly string[] All = [Applicant, LicensingOfficer, ComplianceOfficer, Auditor, Administrator];

    /// <summary>Roles that act for an exporter and see only their own organisation's files.</summary>
    public static bool ActsForExporter(string role) => role is Applicant or ComplianceOfficer;
}

/// <summary>The authenticated person or machine making a request.</summary>
public sealed record Actor(long UserId, string Username, string Role, long OrganisationId)
{
    public override string ToString() => $"{Username} ({Role}, organisation {OrganisationId})";
}

namespace Chokepoint.Core.Identity;

/// <summary>Who may do what. Applicants and compliance officers act for an exporter organisation; licensing officers
/// for the authority; auditors read everything; administrators manage accounts and lists; screeners are machines
/// (an ERP, a configured key) that screen parties and check shipments and nothing else.</summary>
public static class Roles
{
    public const string Applicant = "applicant";
    public const string LicensingOfficer = "licensing-officer";
    public const string ComplianceOfficer = "compliance-officer";
    public const string Auditor = "auditor";
    public const string Administrator = "administrator";
    public const string Screener = "screener";

    public static readonly string[] All = [Applicant, LicensingOfficer, ComplianceOfficer, Auditor, Administrator, Screener];

    /// <summary>Roles that act for an exporter and see only their own organisation's files.</summary>
    public static bool ActsForExporter(string role) => role is Applicant or ComplianceOfficer;

    /// <summary>What each role may do at the door; the licensing services check the finer rules (whose file, which step).</summary>
    public static bool Permits(string role, Permission permission) => permission switch
    {
        Permission.Screen or Permission.CheckShipments => role is Screener or ComplianceOfficer or Applicant or LicensingOfficer or Administrator,
        Permission.ManageLists => role is Administrator,
        Permission.UseLicensing => All.Contains(role) && role is not Screener,
        Permission.ReviewAlerts => role is ComplianceOfficer or Administrator,
        Permission.ReadAlerts => role is ComplianceOfficer or Administrator or Auditor,
        Permission.ReadTradeStatistics => All.Contains(role) && role is not Screener,
        _ => false,
    };
}

/// <summary>What an endpoint, command or page requires of the actor calling it.</summary>
public enum Permission
{
    /// <summary>Screen parties against the lists (single, batch, yente-compatible match).</summary>
    Screen,

    /// <summary>Decide shipments and classify goods.</summary>
    CheckShipments,

    /// <summary>Activate list snapshots and reload the index.</summary>
    ManageLists,

    /// <summary>Reach the licensing API at all; its services then authorise each step by role and organisation.</summary>
    UseLicensing,

    /// <summary>Keep the counterparty register, decide and approve alerts (four eyes: the approver has another role).</summary>
    ReviewAlerts,

    /// <summary>Read counterparties, alerts and stored screenings (auditors too).</summary>
    ReadAlerts,

    /// <summary>Read trade statistics and their measures: public figures, for every person; not for screening machines.</summary>
    ReadTradeStatistics,
}

/// <summary>The authenticated person or machine making a request, as every module records it.</summary>
public sealed record Actor(long UserId, string Username, string Role, long OrganisationId)
{
    /// <summary>Whoever runs the command line on the machine that holds the database: the administrator of it.</summary>
    public static readonly Actor Operator = new(0, "operator", Roles.Administrator, 0);

    /// <summary>The monitoring run, which opens and re-opens alerts when lists or counterparties change.</summary>
    public static readonly Actor Monitoring = new(0, "monitoring", Roles.Administrator, 0);

    public bool May(Permission permission) => Roles.Permits(Role, permission);

    public override string ToString() => $"{Username} ({Role}, organisation {OrganisationId})";
}

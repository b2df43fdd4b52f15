using Chokepoint.Core.Identity;
namespace Chokepoint.Licensing.Accounts;

/// <summary>Authorisation checks shared by the services. Another organisation's records answer 404, as if absent,
/// so that IDs cannot be probed.</summary>
internal static class Guard
{
    public static void Role(Actor actor, params string[] roles)
    {
        if (!roles.Contains(actor.Role)) throw LicensingException.Forbidden($"The role {actor.Role} may not do this (allowed: {string.Join(", ", roles)}).");
    }

    /// <summary>Exporter-side roles see only their own organisation's records.</summary>
    public static void Sees(Actor actor, long organisationId, string what)
    {
        if (Roles.ActsForExporter(actor.Role) && actor.OrganisationId != organisationId) throw LicensingException.NotFound($"{what} does not exist.");
    }

    /// <summary>Separation of duties: nobody decides a matter of their own organisation.</summary>
    public static void NotOwn(Actor actor, long organisationId, string what)
    {
        if (actor.OrganisationId == organisationId) throw LicensingException.Forbidden($"{actor.Username} belongs to the organisation that filed {what} and may not decide it.");
    }

    public static string Text(string? value, string name, int max = 2000, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
            return required ? throw LicensingException.Bad($"{name} is required.") : "";
        if (value.Length > max) throw LicensingException.Bad($"{name} is {value.Length:N0} characters; at most {max:N0}.");
        if (value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))) throw LicensingException.Bad($"{name} contains control characters.");
        return value.Trim();
    }
}

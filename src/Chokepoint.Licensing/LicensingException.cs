using Chokepoint.Core.Identity;
namespace Chokepoint.Licensing;

public enum Failure { BadRequest, Forbidden, NotFound, Conflict, Unavailable }

/// <summary>A request the licensing module refuses, with the HTTP-shaped reason; nothing was changed.</summary>
public sealed class LicensingException(Failure failure, string message) : Exception(message)
{
    public Failure Failure { get; } = failure;

    public static LicensingException Bad(string m) => new(Failure.BadRequest, m);
    public static LicensingException Forbidden(string m) => new(Failure.Forbidden, m);
    public static LicensingException NotFound(string m) => new(Failure.NotFound, m);
    public static LicensingException Conflict(string m) => new(Failure.Conflict, m);
}

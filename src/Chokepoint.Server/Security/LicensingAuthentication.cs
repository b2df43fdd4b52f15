using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Chokepoint.Licensing.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Chokepoint.Server.Security;

/// <summary>
/// ASP.NET Core authentication for the licensing API: people sign in with HTTP Basic (username and password, checked
/// against the standard Identity hash), machines with a licensing API key in X-Api-Key ("ck_..."). The principal
/// carries the user id, role and organisation, from which the services authorise every call.
/// </summary>
public sealed class LicensingAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccountService accounts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Name = "Licensing";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        Actor? actor = null;
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            string decoded;
            try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim())); }
            catch (FormatException) { return AuthenticateResult.Fail("The Basic credentials are not base64."); }
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) return AuthenticateResult.Fail("The Basic credentials are not user:password.");
            var signIn = await accounts.SignInAsync(decoded[..colon], decoded[(colon + 1)..], Context.Connection.RemoteIpAddress?.ToString(), Context.RequestAborted);
            if (signIn.Outcome is SignInOutcome.Throttled or SignInOutcome.Locked)
            {
                Context.Items[nameof(SignInResult)] = signIn;
                return AuthenticateResult.Fail(signIn.Outcome == SignInOutcome.Locked ? "The account is locked." : "Too many failed sign-ins.");
            }
            actor = signIn.Actor;
        }
        else if (Request.Headers["X-Api-Key"].ToString() is { Length: > 3 } key && key.StartsWith("ck_", StringComparison.Ordinal))
        {
            actor = await accounts.AuthenticateKeyAsync(key, Context.RequestAborted);
        }
        else
        {
            return AuthenticateResult.NoResult();
        }
        if (actor is null) return AuthenticateResult.Fail("Unknown user, wrong password or unknown key.");
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, actor.UserId.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, actor.Username),
            new Claim(ClaimTypes.Role, actor.Role),
            new Claim("organisation", actor.OrganisationId.ToString(CultureInfo.InvariantCulture)),
        ], Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Name));
    }

    /// <summary>A throttled sign-in answers 429 with Retry-After (and the password was not even checked); a locked
    /// account 401 saying an administrator must lift the lock.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[nameof(SignInResult)] is not SignInResult signIn)
        {
            await base.HandleChallengeAsync(properties);
            return;
        }
        var throttled = signIn.Outcome == SignInOutcome.Throttled;
        Response.StatusCode = throttled ? StatusCodes.Status429TooManyRequests : StatusCodes.Status401Unauthorized;
        if (throttled) Response.Headers.RetryAfter = Math.Ceiling(signIn.RetryAfter!.Value.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        await Response.WriteAsJsonAsync(new
        {
            status = Response.StatusCode,
            title = throttled ? "Too many failed sign-ins" : "Account locked",
            detail = throttled
                ? $"Too many failed sign-ins for this account or address; try again in {Math.Ceiling(signIn.RetryAfter!.Value.TotalSeconds)} s."
                : $"The account is locked after {SignInThrottle.LockAfter} failed sign-ins in a row; an administrator must lift it (chokepoint users unlock).",
        });
    }

    public static Actor ActorOf(ClaimsPrincipal user) => new(
        long.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!, CultureInfo.InvariantCulture),
        user.FindFirstValue(ClaimTypes.Name)!,
        user.FindFirstValue(ClaimTypes.Role)!,
        long.Parse(user.FindFirstValue("organisation")!, CultureInfo.InvariantCulture));
}

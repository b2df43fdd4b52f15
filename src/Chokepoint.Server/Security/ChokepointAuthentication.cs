using Chokepoint.Core.Identity;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Chokepoint.Licensing.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Chokepoint.Server.Security;

/// <summary>
/// The one way in to every API: people sign in with HTTP Basic (username and password, checked against the standard
/// Identity hash), machines with an API key in X-Api-Key: one made with `users key` ("ck_...") or one configured in
/// the settings, which is an account too (<see cref="ConfiguredKeys"/>). The principal carries the user id, role and
/// organisation; endpoint policies check the role's permission, and the services authorise the finer rules.
/// </summary>
public sealed class ChokepointAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccountService accounts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Name = "Chokepoint";
    public const string KeyHeader = "X-Api-Key";

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
        else if (Request.Headers[KeyHeader].ToString() is { Length: > 0 } key)
        {
            if (key.Length > 200) return AuthenticateResult.Fail("The API key is too long.");
            actor = await accounts.AuthenticateKeyAsync(key, Context.RequestAborted);
        }
        else
        {
            return AuthenticateResult.NoResult();
        }
        if (actor is null) return AuthenticateResult.Fail("Unknown user, wrong password or unknown key.");
        return AuthenticateResult.Success(new AuthenticationTicket(Schemes.PrincipalOf(actor, Name), Name));
    }

    /// <summary>A throttled sign-in answers 429 with Retry-After (and the password was not even checked); a locked
    /// account 401 saying an administrator must lift the lock.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[nameof(SignInResult)] is not SignInResult signIn)
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            await Response.WriteAsJsonAsync(new { status = 401, title = "Unauthorized", detail = $"Sign in with HTTP Basic, or give an API key in the {KeyHeader} header." });
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

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        var role = Context.User.FindFirstValue(ClaimTypes.Role);
        await Response.WriteAsJsonAsync(new { status = 403, title = "Forbidden", detail = $"The role '{role}' may not call {Request.Path}." });
    }

    public static Actor ActorOf(ClaimsPrincipal user) => new(
        long.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!, CultureInfo.InvariantCulture),
        user.FindFirstValue(ClaimTypes.Name)!,
        user.FindFirstValue(ClaimTypes.Role)!,
        long.Parse(user.FindFirstValue("organisation")!, CultureInfo.InvariantCulture));
}

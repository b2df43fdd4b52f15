using System.Globalization;
using System.Security.Claims;
using Chokepoint.Core.Identity;
using Chokepoint.Licensing.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Chokepoint.Server.Security;

/// <summary>Marks the endpoints of the web workplace (its pages and form posts): only they accept the sign-in cookie.</summary>
public sealed class WorkplaceEndpoint;

/// <summary>
/// One identity, two ways to carry it. The API takes HTTP Basic or an API key on every request
/// (<see cref="ChokepointAuthentication"/>) and never a cookie, so a page another site opens cannot make a signed-in
/// browser call it. The workplace's pages and forms take the sign-in cookie (with antiforgery on every form) and
/// nothing else. Both give the same principal: user id, name, role and organisation.
/// </summary>
public static class Schemes
{
    /// <summary>The default scheme: forwards to the cookie on workplace endpoints and to the API scheme elsewhere.</summary>
    public const string Select = "Chokepoint.Select";
    public const string Workplace = "Chokepoint.Workplace";
    public const string CookieName = "chokepoint.session";

    public static IServiceCollection AddChokepointAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(Select)
            .AddPolicyScheme(Select, null, o => o.ForwardDefaultSelector = c =>
                c.GetEndpoint()?.Metadata.GetMetadata<WorkplaceEndpoint>() is not null ? Workplace : ChokepointAuthentication.Name)
            .AddScheme<AuthenticationSchemeOptions, ChokepointAuthentication>(ChokepointAuthentication.Name, null)
            .AddCookie(Workplace, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/signin";
                o.LogoutPath = "/signout";
                o.AccessDeniedPath = "/denied";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = RecheckAccountAsync;
            });
        return services;
    }

    public static ClaimsPrincipal PrincipalOf(Actor actor, string scheme) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, actor.UserId.ToString(CultureInfo.InvariantCulture)),
        new Claim(ClaimTypes.Name, actor.Username),
        new Claim(ClaimTypes.Role, actor.Role),
        new Claim("organisation", actor.OrganisationId.ToString(CultureInfo.InvariantCulture)),
    ], scheme));

    /// <summary>A session is only as good as the account behind it: locked or deleted ends it, a new role replaces the old.</summary>
    private static async Task RecheckAccountAsync(CookieValidatePrincipalContext context)
    {
        var accounts = context.HttpContext.RequestServices.GetRequiredService<AccountService>();
        var before = ChokepointAuthentication.ActorOf(context.Principal!);
        var now = await accounts.CurrentAsync(before.UserId, context.HttpContext.RequestAborted);
        if (now is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Workplace);
        }
        else if (now != before)
        {
            context.ReplacePrincipal(PrincipalOf(now, Workplace));
            context.ShouldRenew = true;
        }
    }
}

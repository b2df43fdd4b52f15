using System.Security.Claims;
using Chokepoint.Core.Identity;
using Microsoft.AspNetCore.Authorization;

namespace Chokepoint.Server.Security;

/// <summary>One authorization policy per <see cref="Permission"/>, granted by <see cref="Roles.Permits"/>; anything not
/// given a policy still needs a signed-in actor (the fallback), so a new endpoint fails closed. Which scheme signs the
/// actor in is the endpoint's: <see cref="Schemes"/>.</summary>
public static class Permissions
{
    public static void AddChokepointPolicies(this AuthorizationOptions o)
    {
        foreach (var permission in Enum.GetValues<Permission>())
            o.AddPolicy(permission.ToString(), p => p
                .RequireAssertion(c => c.User.FindFirstValue(ClaimTypes.Role) is { } role && Roles.Permits(role, permission)));
        o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }

    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(permission.ToString());
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Chokepoint.Server.Api;

/// <summary>
/// The API described for the people and tools that call it: /openapi/v1.json declares how to sign in (an API key in
/// X-Api-Key, or HTTP Basic; the workplace's cookie is declared as what the API refuses) and, on each operation, that
/// a call needs one of them and which permission its role must hold; /api-reference is a page to read and try it.
/// </summary>
public static class ApiReference
{
    public const string ApiKey = "ApiKey", Basic = "Basic", Cookie = "WorkplaceCookie";

    public static IServiceCollection AddChokepointOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Chokepoint";
                document.Info.Description = "Dual-use export control and sanctions compliance: screening, monitoring, shipment decisions and licensing. " +
                    "Every operation but the health checks needs an account: its API key in X-Api-Key, or HTTP Basic.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    [ApiKey] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Api-Key",
                        Description = "An account's API key (chokepoint users key, or Chokepoint:ApiKeys).",
                    },
                    [Basic] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "basic", Description = "An account's username and password." },
                    [Cookie] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = Security.Schemes.CookieName,
                        Description = "The web workplace's sign-in session. Its pages and forms only: every API operation answers 401 to it, " +
                            "so a page on another site cannot use a signed-in browser to call the API.",
                    },
                };
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<IAllowAnonymous>().Any()) return Task.CompletedTask;
                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKey, context.Document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Basic, context.Document)] = [] },
                ];
                var permissions = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct().ToList();
                if (permissions.Count > 0)
                    operation.Description = $"{operation.Description}{(string.IsNullOrEmpty(operation.Description) ? "" : "\n\n")}Permission: {string.Join(", ", permissions)}.".Trim();
                operation.Responses ??= [];
                operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No account, a wrong key or password, or a workplace cookie." });
                operation.Responses.TryAdd("403", new OpenApiResponse { Description = "The account's role does not hold the permission." });
                return Task.CompletedTask;
            });
        });

    /// <summary>The document, and a reference page that reads it (served from the server itself, no third-party site).</summary>
    public static void MapChokepointApiReference(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/api-reference", o => o.WithTitle("Chokepoint API").AddPreferredSecuritySchemes(ApiKey)).AllowAnonymous();
    }
}

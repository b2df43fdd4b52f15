using Chokepoint.Server;
using Chokepoint.Server.Api;
using Chokepoint.Server.Security;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddChokepoint(builder.Configuration);
builder.Services.AddOpenApi();
builder.Services.AddProblemDetails();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
builder.Services.AddAuthentication(LicensingAuthentication.Name)
    .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, LicensingAuthentication>(LicensingAuthentication.Name, null);
builder.Services.AddAuthorization(o => o.AddPolicy(LicensingAuthentication.Name, p => p.AddAuthenticationSchemes(LicensingAuthentication.Name).RequireAuthenticatedUser()));

var app = builder.Build();
app.UseMiddleware<ApiKeyMiddleware>();
app.UseAuthentication();
app.UseAuthorization();
app.MapOpenApi();
app.MapGet("/health", (ScreeningService s) => Results.Ok(new { status = s.Ready ? "ready" : "no lists loaded" }));
app.MapScreeningApi();
app.MapYenteApi();
app.MapShipmentsApi();
app.MapLicensingApi();
await app.Services.GetRequiredService<Chokepoint.Licensing.Storage.LicensingStore>().EnsureSchemaAsync(CancellationToken.None);
await app.Services.GetRequiredService<ScreeningService>().ReloadAsync(CancellationToken.None);
app.Run();

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;

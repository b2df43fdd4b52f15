using Chokepoint.Server;
using Chokepoint.Server.Api;
using Chokepoint.Server.Security;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddChokepoint(builder.Configuration);
builder.Services.AddOpenApi();
builder.Services.AddProblemDetails();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
builder.Services.AddAuthentication(LicensingAuthentication.Name)
    .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, LicensingAuthentication>(LicensingAuthentication.Name, null);
builder.Services.AddAuthorization(o => o.AddPolicy(LicensingAuthentication.Name, p => p.AddAuthenticationSchemes(LicensingAuthentication.Name).RequireAuthenticatedUser()));
builder.Services.AddHealthChecks()
    .AddCheck<ListsHealthCheck>("lists", tags: ["ready"])
    .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);

var app = builder.Build();
var options = app.Services.GetRequiredService<ServerOptions>();
app.Logger.LogInformation("Database: {Database}", Composition.Describe(options));
app.Logger.LogInformation("Goods reference data: {Data}{Missing}", options.Data, Directory.Exists(options.Data) ? "" : " (missing: classification and shipment checks answer 503 until Chokepoint:Data names it)");
app.UseMiddleware<StoreUnavailableMiddleware>();
app.UseMiddleware<ApiKeyMiddleware>();
app.UseAuthentication();
app.UseAuthorization();
app.MapOpenApi();
// Liveness: the process answers. Readiness: the lists are loaded and the database answers.
app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthReport.WriteAsync });
app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthReport.WriteAsync });
app.MapScreeningApi();
app.MapYenteApi();
app.MapShipmentsApi();
app.MapLicensingApi();
// The schema is brought to the newest version before anything reads it (docs/decisions/0009).
var schema = await app.Services.GetRequiredService<Chokepoint.Storage.Records.RecordDatabase>().MigrateAsync(CancellationToken.None);
app.Logger.LogInformation("Schema at version {Version}", schema.Count);
var entities = await app.Services.GetRequiredService<ScreeningService>().ReloadAsync(CancellationToken.None);
app.Logger.LogInformation(entities > 0 ? "Screening {Entities} listed entities" : "No list is loaded ({Entities} entities): /readyz answers 503 and screening refuses", entities);
app.Run();

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;

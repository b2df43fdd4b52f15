using Chokepoint.Server;
using Chokepoint.Server.Api;
using Chokepoint.Server.Api.Yente;
using Chokepoint.Server.Security;
using Chokepoint.Server.Workplace;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Diagnostics;

var builder = WebApplication.CreateBuilder(args);
// The documented defaults beside the program (appsettings.json) come first: a settings file in the folder the server
// starts in, the environment and the command line all override them.
builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.ChainedConfigurationSource
{
    Configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true).Build(),
});
builder.Services.AddChokepoint(builder.Configuration);
builder.Services.AddChokepointOpenApi();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<Problems>();
// A body that does not bind (bad JSON, a wrong type) reaches Problems, which says where, instead of an empty 400.
builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
builder.Services.AddChokepointAuthentication();
builder.Services.AddWorkplace(builder.Configuration);
builder.Services.AddAuthorization(o => o.AddChokepointPolicies());
builder.Services.AddHealthChecks()
    .AddCheck<ListsHealthCheck>("lists", tags: ["ready"])
    .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);

var app = builder.Build();
var options = app.Services.GetRequiredService<ServerOptions>();
app.Logger.LogInformation("Database: {Database}", Composition.Describe(options));
app.Logger.LogInformation("Goods reference data: {Data}{Missing}", options.Data, Directory.Exists(options.Data) ? "" : " (missing: classification and shipment checks answer 503 until Chokepoint:Data names it)");
// Failures the problem mapping answers (400, 404, 503 ...) are answers, not errors to log with a stack trace.
app.UseExceptionHandler(new ExceptionHandlerOptions { SuppressDiagnosticsCallback = c => c.ExceptionHandledBy == ExceptionHandledType.ExceptionHandlerService });
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapChokepointApiReference();
// Liveness: the process answers. Readiness: the lists are loaded and the database answers.
app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthReport.AliveAsync }).AllowAnonymous();
app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthReport.WriteAsync }).AllowAnonymous();
app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthReport.WriteAsync }).AllowAnonymous();
app.MapScreeningApi();
app.MapYenteApi();
app.MapShipmentsApi();
app.MapLicensingApi();
app.MapMonitoringApi();
app.MapTradeApi();
app.MapMetricsApi();
app.MapWorkplace();
// The schema is brought to the newest version before anything reads it (docs/decisions/0009).
var schema = await app.Services.GetRequiredService<Chokepoint.Storage.Records.RecordDatabase>().MigrateAsync(CancellationToken.None);
app.Logger.LogInformation("Schema at version {Version}", schema.Count);
// Keys in the settings are accounts like any other (docs/decisions/0011): made, re-roled or revoked here.
var configured = await app.Services.GetRequiredService<Chokepoint.Licensing.Accounts.ConfiguredKeys>()
    .ApplyAsync([.. options.ApiKeys.Select(k => new Chokepoint.Licensing.Accounts.ConfiguredKey(k.Key, k.Role))], CancellationToken.None);
app.Logger.LogInformation("Configured API keys: {Accounts}", configured.Count == 0 ? "none" : string.Join(", ", configured.Select(u => $"{u.Username} ({u.Role})")));
if (options.UpdateListsOnStart)
{
    app.Logger.LogWarning("Updating every list before serving (Chokepoint:UpdateListsOnStart); from the local folder when no publisher answers.");
    var updated = await app.Services.GetRequiredService<ListDesk>().UpdateNowAsync(Chokepoint.Core.Identity.Actor.Operator, CancellationToken.None);
    foreach (var line in updated.Lines) app.Logger.LogWarning("{Line}", line);
}
await app.Services.GetRequiredService<FirstRun>().StartAsync(CancellationToken.None);
var entities = await app.Services.GetRequiredService<ScreeningService>().ReloadAsync(CancellationToken.None);
app.Logger.LogInformation(entities > 0 ? "Screening {Entities} listed entities" : "No list is loaded ({Entities} entities): /readyz answers 503 and screening refuses", entities);
app.Run();

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;

using Chokepoint.Server;
using Chokepoint.Server.Api;
using Chokepoint.Server.Security;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddChokepoint(builder.Configuration);
builder.Services.AddOpenApi();
builder.Services.AddProblemDetails();

var app = builder.Build();
app.UseMiddleware<ApiKeyMiddleware>();
app.MapOpenApi();
app.MapGet("/health", (ScreeningService s) => Results.Ok(new { status = s.Ready ? "ready" : "no lists loaded" }));
app.MapScreeningApi();
app.MapYenteApi();
app.MapShipmentsApi();
await app.Services.GetRequiredService<ScreeningService>().ReloadAsync(CancellationToken.None);
app.Run();

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;

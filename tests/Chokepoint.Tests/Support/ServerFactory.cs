using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chokepoint.Tests.Support;

/// <summary>Real servers on loopback ports for tests: the Chokepoint server over a database, and small publisher
/// stand-ins that serve real and broken downloads.</summary>
public static class ServerFactory
{
    /// <summary>The Chokepoint server on a free loopback port, with a screener key and an admin key; not yet started.</summary>
    public static WebApplicationFactory<Chokepoint.Server.ScreeningService> Chokepoint(string db, string? data = null)
    {
        var factory = new WebApplicationFactory<Chokepoint.Server.ScreeningService>().WithWebHostBuilder(b =>
        {
            b.UseSetting("urls", "http://127.0.0.1:0"); // a free loopback port for each server
            b.UseSetting("Chokepoint:Db", db);
            b.UseSetting("Chokepoint:Data", data ?? TestData.Folder);
            b.UseSetting("Chokepoint:ApiKeys:0:Key", "screener-key");
            b.UseSetting("Chokepoint:ApiKeys:0:Role", "screener");
            b.UseSetting("Chokepoint:ApiKeys:1:Key", "admin-key");
            b.UseSetting("Chokepoint:ApiKeys:1:Role", "admin");
            // Requests are not logged: a failing test's output is then its own messages, not thousands of lines.
            b.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        });
        factory.UseKestrel();
        return factory;
    }

    /// <summary>A minimal web server on a free loopback port with the endpoints <paramref name="map"/> adds; its base address.</summary>
    public static async Task<(WebApplication App, string Base)> PublisherAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return (app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }
}

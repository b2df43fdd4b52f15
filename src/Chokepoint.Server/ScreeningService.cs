using Chokepoint.Matching.Screening;
using Chokepoint.Sources.Snapshots;
using Chokepoint.Storage;

namespace Chokepoint.Server;

/// <summary>Server settings, bound from the "Chokepoint" configuration section (appsettings, environment
/// variables such as Chokepoint__Db, or the command line).</summary>
public sealed class ServerOptions
{
    /// <summary>SQLite path or PostgreSQL connection string; empty: $CHOKEPOINT_DB, else chokepoint.db.</summary>
    public string? Db { get; set; }

    /// <summary>API keys and the role each grants ("screener" or "admin"). None configured: every API call is refused.</summary>
    public List<ApiKey> ApiKeys { get; set; } = [];

    /// <summary>Folder of goods reference files (HS, CN, Annex I, PRC catalogue); empty: $CHOKEPOINT_DATA, else ../shared/data.</summary>
    public string? Data { get; set; }

    /// <summary>A JSON file of licences shipments may reference; when empty, the licences held by the licensing module.</summary>
    public string? LicencesFile { get; set; }

    /// <summary>Countersignature threshold and retention (at least 5 years).</summary>
    public Chokepoint.Licensing.Applications.LicensingOptions Licensing { get; set; } = new();
}

public sealed class ApiKey
{
    public string Key { get; set; } = "";
    public string Role { get; set; } = "";
}

/// <summary>Holds the screener over the store's active snapshots and rebuilds it on demand.</summary>
public sealed class ScreeningService(ServerOptions options)
{
    public Screener Screener { get; } = new();
    public bool Ready => Screener.Index is { EntityCount: > 0 };

    public async Task<int> ReloadAsync(CancellationToken ct)
    {
        await using var store = await SnapshotStores.OpenAsync(options.Db, ct);
        var index = await ActiveIndex.BuildAsync(store, ct);
        if (index.EntityCount > 0) Screener.Load(index);
        return index.EntityCount;
    }
}

public static class Composition
{
    public static IServiceCollection AddChokepoint(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Chokepoint").Get<ServerOptions>() ?? new ServerOptions();
        services.AddSingleton(options);
        services.AddSingleton<ScreeningService>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<DecisionService>();
        options.Licensing.Validate();
        services.AddSingleton(options.Licensing);
        services.AddSingleton(_ => Chokepoint.Storage.Records.RecordDatabase.Open(options.Db));
        services.AddSingleton<Chokepoint.Licensing.Storage.LicensingStore>();
        services.AddSingleton<Chokepoint.Licensing.Accounts.AccountService>();
        services.AddSingleton<Chokepoint.Licensing.Licences.LicenceService>();
        services.AddSingleton<Chokepoint.Licensing.Audit.AuditService>();
        services.AddSingleton<Chokepoint.Licensing.Applications.IApplicationEvidence>(sp =>
            new Chokepoint.Licensing.Applications.DecisionEvidence(() => sp.GetRequiredService<DecisionService>().Engine()));
        services.AddSingleton<Chokepoint.Licensing.Applications.ApplicationService>();
        return services;
    }
}

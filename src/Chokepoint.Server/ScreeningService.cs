using Chokepoint.Server.Api;
using Chokepoint.Core.Identity;
using Chokepoint.Application.Goods;
using Chokepoint.Application.Lists;
using Chokepoint.Matching.Screening;
using Chokepoint.Sources.Snapshots;
using Chokepoint.Storage;

namespace Chokepoint.Server;

/// <summary>Server settings, bound from the "Chokepoint" configuration section (appsettings, environment
/// variables such as Chokepoint__Db, or the command line).</summary>
public sealed class ServerOptions
{
    /// <summary>SQLite path or PostgreSQL connection string; empty: $CHOKEPOINT_DB, else chokepoint.db. A relative
    /// path is taken from the folder the server was started in, and made absolute (and logged) at start-up.</summary>
    public string? Db { get; set; }

    /// <summary>Create the SQLite file when it does not exist. Off by default: a server on an empty database by
    /// mistake would answer nothing but 503s, so it refuses to start instead and says where it looked.</summary>
    public bool CreateDatabase { get; set; }

    /// <summary>Most PostgreSQL connections the server's pool opens: below the server's max_connections (100 by
    /// default), so that a burst queues for a connection instead of failing with "too many clients".</summary>
    public int MaxPoolSize { get; set; } = Chokepoint.Storage.Records.RecordDatabase.DefaultMaxPoolSize;

    /// <summary>API keys and the role each grants ("screener" or "admin"). None configured: every API call is refused.</summary>
    public List<ApiKey> ApiKeys { get; set; } = [];

    /// <summary>Folder of goods reference files (HS, CN, Annex I, PRC catalogue); empty: $CHOKEPOINT_DATA, else ../shared/data.</summary>
    public string? Data { get; set; }

    /// <summary>A JSON file of licences shipments may reference; when empty, the licences held by the licensing module.</summary>
    public string? LicencesFile { get; set; }

    /// <summary>Update every list at start (from the publishers, else the local folder), before serving, creating the
    /// database when there is none: the one command that starts a working site from nothing.</summary>
    public bool UpdateListsOnStart { get; set; }

    /// <summary>Download settings for "update now" in the workplace; empty: sources.json beside the server program
    /// (config/sources.json of the repository).</summary>
    public string? Sources { get; set; }

    /// <summary>A folder of publisher files that "update now" imports instead of downloading; empty: download, and
    /// fall back to the settings' folder when no publisher answers.</summary>
    public string? ListsFolder { get; set; }

    /// <summary>Where notices of new and re-opened alerts are posted (signed), and how often due ones are sent.</summary>
    public NotificationOptions Notifications { get; set; } = new();

    /// <summary>List updates inside the server, each on a cron schedule (UTC), for some lists or all.</summary>
    public List<ListUpdateSchedule> ListUpdates { get; set; } = [];

    /// <summary>The score that raises an alert (0.85) and whether false positives need a second person (true).</summary>
    public Chokepoint.Application.Monitoring.MonitoringPolicy Monitoring { get; set; } = new();

    /// <summary>Countersignature threshold and retention (at least 5 years).</summary>
    public Chokepoint.Licensing.Applications.LicensingOptions Licensing { get; set; } = new();

    /// <summary>Where metrics and traces go besides the /metrics scrape.</summary>
    public Api.TelemetryOptions Telemetry { get; set; } = new();
}

public sealed class NotificationOptions
{
    public List<WebhookSetting> Webhooks { get; set; } = [];
    public int EverySeconds { get; set; } = 10;

    public IReadOnlyList<Chokepoint.Application.Monitoring.Webhook> Validated()
    {
        if (EverySeconds is < 1 or > 3600) throw new ArgumentException($"Chokepoint:Notifications:EverySeconds must be 1 to 3,600; {EverySeconds} was given.");
        var hooks = Webhooks.Select(w => new Chokepoint.Application.Monitoring.Webhook(w.Url, w.Secret, w.Organisation)).ToList();
        foreach (var h in hooks) h.Validate();
        return hooks;
    }
}

public sealed class WebhookSetting
{
    public string Url { get; set; } = "";
    public string Secret { get; set; } = "";
    public long? Organisation { get; set; }
}

public sealed class ListUpdateSchedule
{
    /// <summary>Five-field cron in UTC ("0 */6 * * *": every six hours).</summary>
    public string Cron { get; set; } = "";

    /// <summary>The datasets it updates (names from the download settings); empty: every list.</summary>
    public List<string> Lists { get; set; } = [];
}

public sealed class ApiKey
{
    public string Key { get; set; } = "";
    public string Role { get; set; } = "";
}

/// <summary>The server's lists: the application layer's <see cref="ActiveLists"/> over the configured database.</summary>
public sealed class ScreeningService(ServerOptions options) : ActiveLists(options.Db);

public static class Composition
{
    public static IServiceCollection AddChokepoint(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Chokepoint").Get<ServerOptions>() ?? new ServerOptions();
        Resolve(options);
        services.AddSingleton(options);
        services.AddSingleton<ScreeningService>();
        services.AddSingleton<Chokepoint.Application.Lists.EntryChanges>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new Chokepoint.Application.Decisions.DecisionDesk(
            sp.GetRequiredService<ScreeningService>().Screener, options.Data,
            options.LicencesFile is { } file
                ? Chokepoint.Application.Decisions.DecisionDesk.LicencesFromFile(file)
                : new Chokepoint.Licensing.Licences.StoredLicenceBook(sp.GetRequiredService<Chokepoint.Licensing.Storage.LicensingStore>()),
            sp.GetRequiredService<Chokepoint.Application.Goods.ClassificationRecords>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Chokepoint.Application.Monitoring.MonitoringDesk>().Screenings));
        services.AddSingleton<Chokepoint.Application.Goods.ClassificationRecords>();
        options.Licensing.Validate();
        services.AddSingleton(options.Licensing);
        services.AddSingleton(_ => Chokepoint.Storage.Records.RecordDatabase.Open(options.Db, options.MaxPoolSize));
        services.AddSingleton<Chokepoint.Licensing.Storage.LicensingStore>();
        services.AddSingleton<Chokepoint.Analytics.Store.TradeStore>();
        services.AddSingleton<Chokepoint.Licensing.Accounts.SignInThrottle>();
        services.AddSingleton<Chokepoint.Licensing.Accounts.AccountService>();
        services.AddSingleton<Chokepoint.Licensing.Accounts.ConfiguredKeys>();
        services.AddSingleton<Chokepoint.Licensing.Licences.LicenceService>();
        services.AddSingleton<Chokepoint.Licensing.Audit.AuditService>();
        services.AddSingleton<Chokepoint.Licensing.Applications.IApplicationEvidence>(sp =>
            new Chokepoint.Licensing.Applications.DecisionEvidence(() => sp.GetRequiredService<Chokepoint.Application.Decisions.DecisionDesk>().Engine()));
        services.AddSingleton<Chokepoint.Licensing.Applications.ApplicationService>();
        options.Monitoring.Validate();
        services.AddSingleton(options.Notifications.Validated());
        services.AddSingleton<NoticeDelivery>();
        services.AddHostedService(sp => sp.GetRequiredService<NoticeDelivery>());
        services.AddSingleton<ListUpdates>();
        services.AddHostedService(sp => sp.GetRequiredService<ListUpdates>());
        services.AddSingleton(options.Monitoring);
        services.AddSingleton<Chokepoint.Application.Monitoring.MonitoringDesk>();
        services.AddSingleton<MonitoringSchedule>();
        services.AddHostedService(sp => sp.GetRequiredService<MonitoringSchedule>());
        services.AddChokepointTelemetry(options.Telemetry);
        return services;
    }

    /// <summary>Makes the database and the goods data folder absolute, from the folder the server started in, and
    /// refuses a SQLite database that does not exist unless <see cref="ServerOptions.CreateDatabase"/>.</summary>
    private static void Resolve(ServerOptions options)
    {
        if (options.MaxPoolSize is < 1 or > 10_000)
            throw new StoreException($"Chokepoint:MaxPoolSize must be between 1 and 10,000 connections; {options.MaxPoolSize} was given.");
        var target = SnapshotStores.Target(options.Db);
        if (!SnapshotStores.IsPostgres(target))
        {
            target = SqliteSnapshotStore.FilePath(target);
            if (!File.Exists(target) && !options.CreateDatabase && !options.UpdateListsOnStart)
                throw new StoreException(
                    $"no database at {target}. Run `chokepoint lists update` in the folder you start the server from (it creates chokepoint.db with the lists), " +
                    "or point Chokepoint:Db (CHOKEPOINT_DB) at your database; Chokepoint:CreateDatabase=true starts on a new empty one.");
        }
        options.Db = target;
        options.Data = Path.GetFullPath(options.Data ?? Chokepoint.Rules.Goods.GoodsReference.DefaultFolder);
    }

    /// <summary>Where the server reads from, for the start-up log: never a password.</summary>
    public static string Describe(ServerOptions options)
    {
        if (!SnapshotStores.IsPostgres(options.Db!)) return $"SQLite {options.Db}";
        var b = new Npgsql.NpgsqlConnectionStringBuilder(PostgresSnapshotStore.ToKeyValue(options.Db!));
        return $"PostgreSQL {b.Host}:{b.Port}/{b.Database}";
    }
}

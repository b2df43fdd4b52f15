using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Chokepoint.Tests.Support;

/// <summary>
/// The workplace on a real server (<see cref="LicensingServer"/>: UN and OFAC SDN lists, users of every role) with a
/// browser context per person: sign in as someone, visit pages, check them for accessibility.
/// </summary>
public sealed class WorkplaceSite : IAsyncDisposable
{
    private readonly List<IBrowserContext> _contexts = [];
    private WorkplaceSite(LicensingServer server, Browser browser) => (Server, Browser) = (server, browser);

    public LicensingServer Server { get; }
    public Browser Browser { get; }
    public string BaseUrl => Server.Http.BaseAddress!.ToString().TrimEnd('/');

    /// <summary>The exporter's administrator: the second reviewer of another role for the compliance officer's decisions.</summary>
    public const string Boss = "exporter-admin";

    public static async Task<WorkplaceSite> StartAsync(Browser browser, string kind = Stores.Sqlite)
    {
        var server = await LicensingServer.StartAsync(kind);
        await server.OkAsync(HttpMethod.Post, "/api/licensing/users", "admin",
            new { username = Boss, password = LicensingServer.Password, role = "administrator", organisationId = server.Organisations["exporter"] });
        return new WorkplaceSite(server, browser);
    }

    /// <summary>A new browser (own cookies) signed in as <paramref name="user"/>, on the dashboard.</summary>
    public async Task<IPage> SignInAsync(string user, int width = 1280)
    {
        var page = await NewPageAsync(width);
        await page.GotoAsync("/signin");
        await page.GetByLabel("Username").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(LicensingServer.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Polled, not awaited as a navigation event: the dashboard's heading, then its address.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Equal(BaseUrl + "/", page.Url);
        return page;
    }

    public async Task<IPage> NewPageAsync(int width = 1280)
    {
        var context = await Browser.ContextAsync(BaseUrl, width);
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>Runs axe-core on the page; fails with the list of serious or critical violations.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"{page.Url}: " + string.Join("; ", bad.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _contexts) await c.DisposeAsync();
        await Server.DisposeAsync();
    }
}

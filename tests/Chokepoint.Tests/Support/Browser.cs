using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Chokepoint.Tests.Support.Browser))]

namespace Chokepoint.Tests.Support;

/// <summary>
/// Debian's chromium, driven by Playwright, once for the whole test run (each test gets its own context: cookies and
/// storage are not shared). Never downloads a browser: without /usr/bin/chromium the browser tests fail and say how
/// to install it (test.sh installs it with apt).
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium)) return; // reported by the first browser test, not by every test of the run
        // A loaded two-core machine runs four browsers' servers at once: waits are generous, never timed assertions.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh context (its own cookies) at <paramref name="baseUrl"/>, with a viewport of <paramref name="width"/> px.</summary>
    public async Task<IBrowserContext> ContextAsync(string baseUrl, int width = 1280)
    {
        var browser = _browser ?? throw new InvalidOperationException($"No browser at {Chromium}: install Debian's chromium (apt-get install -y chromium); test.sh does this. Browsers are never downloaded.");
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(15_000);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

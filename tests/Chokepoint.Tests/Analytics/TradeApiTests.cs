using Chokepoint.Analytics.Store;
using Chokepoint.Core.Identity;
using Chokepoint.Storage.Records;
using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Analytics;

/// <summary>GET /api/trade/... on a real server over a store with every trade file: the same figures as the library,
/// 400 for a bad question, 404 for figures not stored, 401 without credentials, and every person's role let in.</summary>
public sealed class TradeApiTests : IAsyncLifetime
{
    private LicensingServer _s = null!;

    public async ValueTask InitializeAsync()
    {
        _s = await LicensingServer.StartAsync(Stores.Sqlite);
        await using var db = RecordDatabase.Open(_s.Connection);
        var store = new TradeStore(db, TimeProvider.System);
        foreach (var file in Directory.EnumerateFiles(TestData.File("trade_flows"), "*.csv", SearchOption.AllDirectories))
            await store.ImportAsync(file, "test", CancellationToken.None);
    }

    public ValueTask DisposeAsync() => _s.DisposeAsync();

    private static readonly string[] Paths =
    [
        "/api/trade/datasets",
        "/api/trade/growth?reporter=EU27_2020&partner=KG&flow=export",
        "/api/trade/shares?reporter=RU&flow=import&partner=CN",
        "/api/trade/mirror?reporter=EU27_2020&partner=RU&mirrorPartner=IMF:G998",
        "/api/trade/reexport?hub=AM&origin=CN&destination=RU&product=851713",
        "/api/trade/corridors?reporter=AM&minBaseline=100000",
    ];

    [Fact]
    public async Task Every_measure_answers_every_person_and_nobody_anonymous()
    {
        foreach (var path in Paths)
        {
            Assert.Equal(401, (await _s.StatusAsync(HttpMethod.Get, path, null)).Status);
            foreach (var role in new[] { "admin", "officer", "auditor", "applicant", "compliance" })
            {
                var (status, body) = await _s.StatusAsync(HttpMethod.Get, path, role);
                Assert.True(status == 200, $"{path} as {role}: {status} {body}");
            }
        }
        Assert.False(Roles.Permits(Roles.Screener, Permission.ReadTradeStatistics));
    }

    [Fact]
    public async Task The_figures_are_the_library_s_and_bad_questions_are_400_or_404()
    {
        var growth = await _s.OkAsync(HttpMethod.Get, Paths[1], "auditor");
        var y2023 = growth.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("period").GetString() == "2023");
        Assert.Equal(9.9150, y2023.GetProperty("index").GetDouble(), 4);
        var shares = await _s.OkAsync(HttpMethod.Get, Paths[2], "auditor");
        Assert.Equal(0.45217, shares.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("year").GetInt32() == 2023).GetProperty("share").GetDouble(), 5);

        foreach (var bad in new[] { "/api/trade/growth?reporter=Narnia&partner=KG&flow=export", "/api/trade/growth?reporter=EU27_2020&partner=KG&flow=up",
                     "/api/trade/growth?reporter=EU27_2020&partner=KG&flow=export&product=87031", "/api/trade/corridors?reporter=AM&level=5",
                     "/api/trade/shares?reporter=EU27_2020&flow=export", "/api/trade/reexport?hub=AM&destination=RU&product=851713" })
            Assert.Equal(400, (await _s.StatusAsync(HttpMethod.Get, bad, "auditor")).Status);
        Assert.Equal(404, (await _s.StatusAsync(HttpMethod.Get, "/api/trade/growth?reporter=AM&partner=RU&flow=export&product=8542", "auditor")).Status);
        Assert.Equal(404, (await _s.StatusAsync(HttpMethod.Get, "/api/trade/growth?reporter=EU27_2020&partner=KG&flow=export&dataset=nope", "auditor")).Status);
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;
using Chokepoint.Core.Snapshots;
using Chokepoint.Sources.Snapshots;
using Chokepoint.Sources.Updates;
using Chokepoint.Storage;
using Chokepoint.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Chokepoint.Tests.Updates;

/// <summary>
/// Updates against a real HTTP server on loopback that serves the real UN list and broken downloads of it.
/// After a good import, every broken download is refused and the good snapshot keeps serving.
/// </summary>
public sealed class UpdateGuardTests : IAsyncLifetime
{
    private WebApplication? _server;
    private string _base = "";
    private int _flakyHits;

    public async ValueTask InitializeAsync()
    {
        var un = await File.ReadAllBytesAsync(TestData.File(TestData.Un));
        var csl = await File.ReadAllBytesAsync(TestData.File(TestData.Csl));
        (_server, _base) = await ServerFactory.PublisherAsync(app =>
        {
            app.MapGet("/un.xml", () => Results.Bytes(un, "application/xml"));
            app.MapGet("/html", () => Results.Content("<!DOCTYPE html><html><body><h1>Service Unavailable</h1></body></html>", "text/html"));
            app.MapGet("/empty", () => Results.Bytes([], "application/xml"));
            app.MapGet("/truncated", () => Results.Bytes(un[..(un.Length / 2)], "application/xml"));
            app.MapGet("/wrong-format", () => Results.Bytes(csl, "text/csv"));
            app.MapGet("/collapsed", () => Results.Content(CollapsedUnList(un), "application/xml"));
            app.MapGet("/missing", () => Results.NotFound());
            app.MapGet("/flaky", () => ++_flakyHits <= 1 ? Results.StatusCode(503) : Results.Bytes(un, "application/xml"));
            app.MapGet("/down", () => Results.StatusCode(503));
            app.MapGet("/slow", async (CancellationToken ct) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(5), ct);
                return Results.Bytes(un);
            });
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    /// <summary>The real list with all but its first three individuals and no entities: well-formed, but a collapse.</summary>
    private static string CollapsedUnList(byte[] un)
    {
        var xml = Encoding.UTF8.GetString(un);
        var start = xml.IndexOf("<INDIVIDUAL>", StringComparison.Ordinal);
        var keep = start;
        for (var i = 0; i < 3; i++) keep = xml.IndexOf("</INDIVIDUAL>", keep, StringComparison.Ordinal) + "</INDIVIDUAL>".Length;
        return xml[..keep] + "</INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>";
    }

    private (ListUpdater Updater, HttpClient Http) Updater(ISnapshotStore store, int timeoutSeconds = 10)
    {
        var settings = new UpdateSettings { TimeoutSeconds = timeoutSeconds, Retries = 1, MaxDropShare = 0.5 };
        var http = new HttpClient();
        return (new ListUpdater(store, new SnapshotImporter(store, TimeProvider.System), http, settings, TimeProvider.System), http);
    }

    private ListSource Un(string path) => new("un-sc", "un-xml", [new ListFile("consolidated.xml", _base + path)]);

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Broken_downloads_are_refused_and_the_last_good_snapshot_keeps_serving(string backend)
    {
        await using var t = await TestStore.CreateAsync(backend);
        var store = t.Store;
        var (updater, http) = Updater(store);
        using var _h = http;

        var good = await updater.UpdateAsync(Un("/un.xml"), null, CancellationToken.None);
        Assert.Equal(UpdateOutcome.Imported, good.Outcome);
        Assert.Equal(1003, good.Snapshot!.EntityCount);
        Assert.Equal(new DateOnly(2026, 2, 27), good.Snapshot.Published); // the file's own date, not the download day

        var again = await updater.UpdateAsync(Un("/un.xml"), null, CancellationToken.None);
        Assert.Equal(UpdateOutcome.Unchanged, again.Outcome);

        foreach (var (path, why) in new[]
        {
            ("/html", "HTML page"), ("/empty", "empty"), ("/truncated", "not well-formed XML"),
            ("/wrong-format", "not in the expected un-xml format"), ("/collapsed", "entries 3 against 1,003"), ("/missing", "HTTP 404"),
        })
        {
            var report = await updater.UpdateAsync(Un(path), null, CancellationToken.None);
            Assert.Equal(UpdateOutcome.Refused, report.Outcome);
            Assert.Contains(why, report.Message);
            Assert.Contains($"snapshot {good.Snapshot.Id} keeps serving", report.Message);
            var active = await store.GetActiveAsync("un-sc", CancellationToken.None);
            Assert.Equal(good.Snapshot.Id, active!.Id);
            Assert.Equal(1003, active.EntityCount);
        }
        Assert.Single(await store.ListAsync(false, CancellationToken.None));
        var attempts = await store.ListAttemptsAsync("un-sc", 50, CancellationToken.None);
        Assert.Equal(6, attempts.Count(a => a.Outcome == UpdateOutcome.Refused));
    }

    [Fact]
    public async Task A_server_error_is_retried_then_the_list_imports()
    {
        await using var t = await TestStore.CreateAsync(Stores.Sqlite);
        var store = t.Store;
        var (updater, http) = Updater(store);
        using var _h = http;
        var report = await updater.UpdateAsync(Un("/flaky"), null, CancellationToken.None);
        Assert.Equal(UpdateOutcome.Imported, report.Outcome);
        Assert.Equal(2, _flakyHits);
        var down = await updater.UpdateAsync(Un("/down"), null, CancellationToken.None);
        Assert.Equal(UpdateOutcome.Unreachable, down.Outcome);
        Assert.Contains("after 2 tries", down.Message);
    }

    [Fact]
    public async Task No_answer_in_time_or_no_server_is_reported_as_unreachable()
    {
        await using var t = await TestStore.CreateAsync(Stores.Sqlite);
        var store = t.Store;
        var (updater, http) = Updater(store, timeoutSeconds: 1);
        using var _h = http;
        var slow = await updater.UpdateAsync(Un("/slow"), null, CancellationToken.None);
        Assert.Equal(UpdateOutcome.Unreachable, slow.Outcome);
        Assert.Contains("no answer within 1 s", slow.Message);

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var none = await updater.UpdateAsync(new ListSource("un-sc", "un-xml", [new ListFile("consolidated.xml", $"http://127.0.0.1:{closedPort}/un.xml")]), null, CancellationToken.None);
        Assert.Equal(UpdateOutcome.Unreachable, none.Outcome);
        Assert.Empty(await store.ListAsync(false, CancellationToken.None));
    }
}

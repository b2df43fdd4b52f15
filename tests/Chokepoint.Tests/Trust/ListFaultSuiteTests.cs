using System.Text;
using Chokepoint.Application.Lists;
using Chokepoint.Core.Listings;
using Chokepoint.Core.Reading;
using Chokepoint.Core.Snapshots;
using Chokepoint.Matching.Screening;
using Chokepoint.Sources.Reading;
using Chokepoint.Sources.Snapshots;
using Chokepoint.Sources.Updates;
using Chokepoint.Storage;
using Chokepoint.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Chokepoint.Tests.Trust;

/// <summary>
/// The bad-input and fault suite of docs/RELIABILITY.md: every damaged import and every broken download is refused,
/// the previous snapshot keeps serving, and a name only the complete list holds is still found. On both databases.
/// </summary>
public sealed class ListFaultSuiteTests : IAsyncLifetime
{
    private WebApplication? _server;
    private string _base = "";

    /// <summary>One damaged input: what it is, the dataset it hits, and how to make it.</summary>
    private sealed record Fault(string Name, string Dataset, string? Format, Func<Scratch, string> Make);

    private static readonly Fault[] ImportFaults =
    [
        new("CSL cut at a row boundary at 50 %", "us-csl", "us-csl", s => s.Write("csl50.csv", ListFaults.RowBoundaryCut(TestData.File(TestData.Csl), 0.5))),
        new("CSL cut at a row boundary at 60 %", "us-csl", "us-csl", s => s.Write("csl60.csv", ListFaults.RowBoundaryCut(TestData.File(TestData.Csl), 0.6))),
        new("CSL, 10 % of its rows", "us-csl", "us-csl", s => s.Write("csl10.csv", ListFaults.RowBoundaryCut(TestData.File(TestData.Csl), 0.1))),
        new("CSL cut inside a row at 50 %", "us-csl", "us-csl", s => s.Truncated("cslin.csv", TestData.File(TestData.Csl), 0.5)),
        new("UN, 10 % of its records, well-formed", "un-sc", "un-xml", s => s.Write("un10.xml", ListFaults.UnShare(0.1))),
        new("UN, 50 % of its records, well-formed", "un-sc", "un-xml", s => s.Write("un50.xml", ListFaults.UnShare(0.5))),
        new("UN cut inside a record at 50 %", "un-sc", "un-xml", s => s.Truncated("unin.xml", TestData.File(TestData.Un), 0.5)),
        new("UN dated 2099", "un-sc", "un-xml", s => s.Write("un2099.xml", ListFaults.UnDated("2099-01-01T00:00:00Z"))),
        new("UN without dateGenerated", "un-sc", "un-xml", s => s.Write("unnodate.xml", ListFaults.UnDated(null))),
        new("UN with a 40 MB text node", "un-sc", "un-xml", s => { var p = s.Path("unhuge.xml"); ListFaults.UnWithHugeText(p, 40); return p; }),
        new("OFAC SDN set with alt.csv empty", "us-ofac-sdn", "ofac-csv", s => ListFaults.SdnSetWith(s, "alt.csv", "empty")),
        new("OFAC SDN set with alt.csv an HTML page", "us-ofac-sdn", "ofac-csv", s => ListFaults.SdnSetWith(s, "alt.csv", "html")),
        new("OFAC SDN set without alt.csv", "us-ofac-sdn", "ofac-csv", s => ListFaults.SdnSetWith(s, "alt.csv", "missing")),
        new("OFAC SDN set without add.csv", "us-ofac-sdn", "ofac-csv", s => ListFaults.SdnSetWith(s, "add.csv", "missing")),
        new("OFAC SDN set with add.csv an HTML page", "us-ofac-sdn", "ofac-csv", s => ListFaults.SdnSetWith(s, "add.csv", "html")),
        new("OFAC SDN set without sdn_comments.csv", "us-ofac-sdn", "ofac-csv", s => ListFaults.SdnSetWith(s, "sdn_comments.csv", "missing")),
        new("OFAC sdn.csv cut at a row boundary at 50 %, Ctrl-Z put back", "us-ofac-sdn", "ofac-csv", s => CutSdn(s, 0.5, true)),
        new("OFAC sdn.csv cut at a row boundary at 50 %, no Ctrl-Z", "us-ofac-sdn", "ofac-csv", s => CutSdn(s, 0.5, false)),
        new("OFAC sdn.csv, 10 % of its rows, Ctrl-Z put back", "us-ofac-sdn", "ofac-csv", s => CutSdn(s, 0.1, true)),
        new("OFAC XML without its Record_Count", "us-ofac-cons", "ofac-xml", s => s.Write("cons.xml", File.ReadAllText(TestData.File(TestData.ConsXml)).Replace("<Record_Count>639</Record_Count>", "", StringComparison.Ordinal))),
        new("OFAC XML whose Record_Count is wrong", "us-ofac-cons", "ofac-xml", s => s.Write("cons2.xml", File.ReadAllText(TestData.File(TestData.ConsXml)).Replace("<Record_Count>639</Record_Count>", "<Record_Count>700</Record_Count>", StringComparison.Ordinal))),
        new("OFSI workbook with a 300 MB shared string", "gb-ofsi", "uk-ofsi", s => { var p = s.Path("huge.xlsx"); ListFaults.OfsiWithHugeSharedString(p, 300); return p; }),
        new("OFSI workbook cut at 50 %", "gb-ofsi", "uk-ofsi", s => s.Truncated("ofsi50.xlsx", TestData.File(TestData.OfsiXlsx), 0.5)),
    ];

    public static int ImportFaultCount => ImportFaults.Length;

    /// <summary>The 2021 sdn.csv cut, with its three companions beside it.</summary>
    private static string CutSdn(Scratch s, double fraction, bool marker)
    {
        var dir = s.Path($"sdncut-{fraction}-{marker}");
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.GetFiles(Path.GetDirectoryName(TestData.File(TestData.Sdn2021))!))
            File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        File.WriteAllBytes(Path.Combine(dir, "sdn.csv"), ListFaults.RowBoundaryCut(TestData.File(TestData.Sdn2021), fraction, marker));
        return Path.Combine(dir, "sdn.csv");
    }

    /// <summary>Per dataset, a party only the complete list has: the last entry of the file (gone from every cut),
    /// and for OFAC an alias that only alt.csv gives (HAMAS).</summary>
    private static readonly Dictionary<string, (string Name, string Id)> Known = KnownParties();

    private static Dictionary<string, (string Name, string Id)> KnownParties()
    {
        var known = new Dictionary<string, (string, string)> { ["us-ofac-sdn"] = ("IZZ AL-DIN AL-QASSIM BRIGADES", "4695") };
        foreach (var file in new[] { TestData.Csl, TestData.Un, TestData.OfsiXlsx, TestData.ConsXml })
        {
            var all = LocalLists.Read([TestData.File(file)]);
            var (snapshot, last) = all[^1];
            known[snapshot.Dataset] = (last.PrimaryName, last.SourceId);
        }
        return known;
    }

    private static async Task AssertStillServingAsync(ISnapshotStore store, IReadOnlyDictionary<string, long> good, string what)
    {
        foreach (var (dataset, id) in good)
            Assert.True((await store.GetActiveAsync(dataset, CancellationToken.None))?.Id == id, $"{what}: {dataset} no longer serves snapshot {id}");
        var screener = new Screener();
        screener.Load(await ActiveIndex.BuildAsync(store, CancellationToken.None));
        foreach (var (dataset, (name, sourceId)) in Known.Where(k => good.ContainsKey(k.Key)))
        {
            var hits = screener.Screen(new PartyQuery(name), new ScreenOptions { Lists = [dataset], Limit = 50 }).Hits;
            Assert.True(hits.Any(h => h.EntityId == sourceId), $"{what}: '{name}' ({dataset} {sourceId}) is no longer found");
        }
    }

    private static async Task<Dictionary<string, long>> ImportGoodAsync(TestStore t)
    {
        var good = new Dictionary<string, long>();
        foreach (var file in new[] { TestData.Csl, TestData.Un, TestData.Sdn2021, TestData.OfsiXlsx, TestData.ConsXml })
        {
            var r = await t.ImportAsync(file);
            good[r.Snapshot.Dataset] = r.Snapshot.Id;
        }
        return good;
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Every_damaged_import_is_refused_and_the_last_good_snapshot_keeps_serving(string backend)
    {
        await using var t = await TestStore.CreateAsync(backend);
        var good = await ImportGoodAsync(t);
        var held = 0;
        foreach (var fault in ImportFaults)
        {
            var path = fault.Make(t.Scratch);
            var e = await Record.ExceptionAsync(() => t.Importer.ImportAsync(path, new ImportOptions { Format = fault.Format }, null, CancellationToken.None));
            Assert.True(e is ListFormatException or ImportRefusedException, $"{fault.Name}: {(e is null ? "imported" : e.ToString())}");
            await AssertStillServingAsync(t.Store, good, fault.Name);
            held++;
        }
        Assert.Equal(ImportFaults.Length, held);
        Assert.Equal(good.Count, (await t.Store.ListAsync(false, CancellationToken.None)).Count); // nothing half-written either
    }

    [Fact]
    public async Task A_deliberate_shrink_is_taken_with_accept_drop()
    {
        await using var t = await TestStore.CreateAsync(Stores.Sqlite);
        await t.ImportAsync(TestData.Un);
        var tenth = t.Scratch.Write("un10.xml", ListFaults.UnShare(0.1));
        var refused = await Assert.ThrowsAsync<ImportRefusedException>(() => t.Importer.ImportAsync(tenth, new ImportOptions(), null, CancellationToken.None));
        Assert.Contains("entries 100 against 1,003", refused.Message);
        Assert.Contains("--accept-drop", refused.Message);
        var taken = await t.Importer.ImportAsync(tenth, new ImportOptions { AcceptDrop = true }, null, CancellationToken.None);
        Assert.True(taken.Snapshot.Active);
        Assert.Contains("entries 100 against 1,003", taken.AcceptedDrop);
    }

    [Fact]
    public async Task An_older_publication_is_kept_for_the_record_without_the_guard()
    {
        // Imported after a newer one, the 2021 set never serves, so it is not judged against it.
        await using var t = await TestStore.CreateAsync(Stores.Sqlite);
        var newer = await t.ImportAsync(TestData.Sdn2024);
        var older = await t.ImportAsync(TestData.Sdn2021);
        Assert.False(older.Snapshot.Active);
        Assert.Equal(newer.Snapshot.Id, (await t.Store.GetActiveAsync("us-ofac-sdn", CancellationToken.None))!.Id);
    }

    // ---- updates: a real HTTP server on loopback serving the real CSL and broken downloads of it ----

    public async ValueTask InitializeAsync()
    {
        var csl = await File.ReadAllBytesAsync(TestData.File(TestData.Csl));
        var cut60 = ListFaults.RowBoundaryCut(TestData.File(TestData.Csl), 0.6);
        var un = await File.ReadAllBytesAsync(TestData.File(TestData.Un));
        var (un10, un50, un2099) = (ListFaults.UnShare(0.1), ListFaults.UnShare(0.5), ListFaults.UnDated("2099-01-01T00:00:00Z"));
        var ofsi = await File.ReadAllBytesAsync(TestData.File(TestData.OfsiXlsx));
        var sdnFolder = Path.GetDirectoryName(TestData.File(TestData.Sdn2021))!;
        var sdn = Directory.GetFiles(sdnFolder).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes, StringComparer.Ordinal);
        (_server, _base) = await ServerFactory.PublisherAsync(app =>
        {
            app.MapGet("/csl.csv", () => Results.Bytes(csl, "text/csv"));
            app.MapGet("/un.xml", () => Results.Bytes(un, "application/xml"));
            app.MapGet("/un10.xml", () => Results.Content(un10, "application/xml"));
            app.MapGet("/un50.xml", () => Results.Content(un50, "application/xml"));
            app.MapGet("/un2099.xml", () => Results.Content(un2099, "application/xml"));
            app.MapGet("/unin.xml", () => Results.Bytes(un[..(un.Length / 2)], "application/xml"));
            app.MapGet("/ofsi.xlsx", () => Results.Bytes(ofsi, "application/octet-stream"));
            app.MapGet("/ofsi-huge.xlsx", () => Results.Bytes(HugeWorkbook.Value, "application/octet-stream"));
            // The 2021 OFAC SDN set, file by file, and its companions damaged.
            app.MapGet("/sdn/{file}", (string file) => sdn.TryGetValue(file, out var bytes) ? Results.Bytes(bytes, "text/csv") : Results.NotFound());
            app.MapGet("/sdn-bad/alt-html.csv", () => Results.Content("<!DOCTYPE html><html><body>503 Service Unavailable</body></html>", "text/html"));
            app.MapGet("/sdn-bad/alt-empty.csv", () => Results.Bytes([], "text/csv"));
            // Chunked, without Content-Length: the cut cannot be seen from the transfer.
            app.MapGet("/cut60", async (HttpResponse r) => { r.ContentType = "text/csv"; await r.Body.WriteAsync(cut60); });
            app.MapGet("/500", () => Results.StatusCode(500));
            app.MapGet("/429", () => Results.StatusCode(429));
            app.MapGet("/html", () => Results.Content("<!DOCTYPE html><html><body>Maintenance</body></html>", "text/html"));
            app.MapGet("/empty", () => Results.Bytes([], "text/csv"));
            app.MapGet("/stall", async (HttpResponse r, CancellationToken ct) =>
            {
                r.ContentType = "text/csv";
                await r.Body.WriteAsync(csl.AsMemory(0, 1000), ct);
                await r.Body.FlushAsync(ct);
                await Task.Delay(TimeSpan.FromSeconds(30), ct); // never finishes within the client's timeout
            });
            app.MapGet("/endless", async (HttpResponse r, CancellationToken ct) =>
            {
                r.ContentType = "text/csv";
                await r.Body.WriteAsync(csl.AsMemory(0, csl.Length / 2), ct);
                var filler = Encoding.ASCII.GetBytes(new string('x', 1 << 16));
                for (var i = 0; i < 100_000 && !ct.IsCancellationRequested; i++) await r.Body.WriteAsync(filler, ct); // bounded: 6.5 GB at most
            });
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    /// <summary>The OFSI workbook with a 300 MB shared string, made once for every test that serves it.</summary>
    private static readonly Lazy<byte[]> HugeWorkbook = new(() =>
    {
        using var scratch = new Scratch();
        var path = scratch.Path("huge.xlsx");
        ListFaults.OfsiWithHugeSharedString(path, 300);
        return File.ReadAllBytes(path);
    });

    private ListSource Csl(string path) => new("us-csl", "us-csl", [new ListFile("consolidated.csv", _base + path)]);
    private ListSource Un(string path) => new("un-sc", "un-xml", [new ListFile("consolidated.xml", _base + path)]);
    private ListSource Ofsi(string path) => new("gb-ofsi", "uk-ofsi", [new ListFile("ConList.xlsx", _base + path)]);

    /// <summary>The OFAC CSV set downloaded file by file, with its alt.csv from <paramref name="alt"/>.</summary>
    private ListSource Sdn(string alt = "/sdn/alt.csv") => new("us-ofac-sdn", "ofac-csv",
    [
        new ListFile("sdn.csv", _base + "/sdn/sdn.csv"), new ListFile("add.csv", _base + "/sdn/add.csv"),
        new ListFile("alt.csv", _base + alt), new ListFile("sdn_comments.csv", _base + "/sdn/sdn_comments.csv"),
    ]);

    private (string Name, ListSource Source, UpdateOutcome Outcome, string Why)[] UpdateFaults() =>
    [
        ("CSL cut at 60 %, chunked without Content-Length", Csl("/cut60"), UpdateOutcome.Refused, "against 14,160 (40 % fewer)"),
        ("CSL: HTTP 500", Csl("/500"), UpdateOutcome.Unreachable, "HTTP 500"),
        ("CSL: HTTP 429", Csl("/429"), UpdateOutcome.Unreachable, "HTTP 429"),
        ("CSL: an HTML maintenance page", Csl("/html"), UpdateOutcome.Refused, "HTML page"),
        ("CSL: an empty body", Csl("/empty"), UpdateOutcome.Refused, "empty"),
        ("CSL: a stall after 1,000 bytes", Csl("/stall"), UpdateOutcome.Unreachable, "no answer within 2 s"),
        ("CSL: an endless body", Csl("/endless"), UpdateOutcome.Refused, "more than 10,000,000 bytes"),
        ("UN: 10 % of its records", Un("/un10.xml"), UpdateOutcome.Refused, "entries 100 against 1,003"),
        ("UN: 50 % of its records", Un("/un50.xml"), UpdateOutcome.Refused, "entries 501 against 1,003"),
        ("UN: cut inside a record", Un("/unin.xml"), UpdateOutcome.Refused, "not well-formed XML"),
        ("UN: dated 2099", Un("/un2099.xml"), UpdateOutcome.Refused, "published 2099-01-01, after today"),
        ("OFAC set: alt.csv an HTML page", Sdn("/sdn-bad/alt-html.csv"), UpdateOutcome.Refused, "the alt file is an HTML page"),
        ("OFAC set: alt.csv empty", Sdn("/sdn-bad/alt-empty.csv"), UpdateOutcome.Refused, "the alt file is empty"),
        ("OFAC set: alt.csv missing (404)", Sdn("/sdn/missing.csv"), UpdateOutcome.Refused, "HTTP 404"),
        ("OFSI: a workbook part of 300 MB", Ofsi("/ofsi-huge.xlsx"), UpdateOutcome.Refused, "above the 268,435,456-byte limit for one part"),
    ];

    /// <summary>The number of broken downloads the suite tries (docs/RELIABILITY.md).</summary>
    public const int UpdateFaultCount = 15;


    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Every_broken_download_is_refused_and_the_last_good_snapshot_keeps_serving(string backend)
    {
        await using var t = await TestStore.CreateAsync(backend);
        using var http = new HttpClient();
        var settings = new UpdateSettings { TimeoutSeconds = 2, Retries = 0, MaxDownloadBytes = 10_000_000 };
        var updater = new ListUpdater(t.Store, t.Importer, http, settings, TimeProvider.System);
        var good = new Dictionary<string, long>();
        foreach (var source in new[] { Csl("/csl.csv"), Un("/un.xml"), Sdn(), Ofsi("/ofsi.xlsx") })
        {
            var first = await updater.UpdateAsync(source, null, CancellationToken.None);
            Assert.True(first.Outcome == UpdateOutcome.Imported, $"{source.Dataset}: {first.Message}");
            good[source.Dataset] = first.Snapshot!.Id;
        }
        var faults = UpdateFaults();
        Assert.Equal(UpdateFaultCount, faults.Length);
        _ = HugeWorkbook.Value; // built here, not inside the request, whose 2 s timeout it would otherwise spend
        foreach (var (name, source, outcome, why) in faults)
        {
            var report = await updater.UpdateAsync(source, null, CancellationToken.None);
            Assert.True(report.Outcome == outcome, $"{name}: {report.Outcome} {report.Message}");
            Assert.True(report.Message.Contains(why, StringComparison.Ordinal), $"{name}: {report.Message}");
            Assert.Contains($"snapshot {good[source.Dataset]} keeps serving", report.Message);
            await AssertStillServingAsync(t.Store, good, name);
        }
        var attempts = await t.Store.ListAttemptsAsync(null, 100, CancellationToken.None);
        Assert.Equal(UpdateFaultCount + good.Count, attempts.Count); // every refusal is on record too
    }
}

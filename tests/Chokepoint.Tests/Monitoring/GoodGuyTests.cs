using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Monitoring;

/// <summary>The good-guy list: a party by its details is not one listed entry; it holds for every counterparty with
/// those details, never for another entry, stops holding when the entry changes, and is the organisation's own.</summary>
public sealed class GoodGuyTests
{
    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_good_guy_keeps_one_entry_from_alerting_until_the_entry_changes(string kind)
    {
        await using var s = await LicensingServer.StartAsync(kind);
        await s.OkAsync(HttpMethod.Post, "/api/counterparties", "compliance", new
        {
            counterparties = new object[]
            {
                new { @ref = "C-4", name = "ERIC BADEGE", kind = "person", country = "CD" },
                new { @ref = "C-5", name = "ERIC BADEGE", kind = "person", country = "RW" },
                new { @ref = "C-7", name = "BANCO NACIONAL DE CUBA", kind = "organization", country = "CU" },
            },
        });
        Assert.Equal(400, (await s.StatusAsync(HttpMethod.Post, "/api/good-guys", "compliance", new { name = "Eric Badege", entry = "15718", reason = "x" })).Status);
        Assert.Equal(404, (await s.StatusAsync(HttpMethod.Post, "/api/good-guys", "compliance", new { name = "Eric Badege", entry = "us-ofac-sdn:99999999", reason = "x" })).Status);
        Assert.Equal(400, (await s.StatusAsync(HttpMethod.Post, "/api/good-guys", "compliance", new { name = "Eric Badege", entry = "us-ofac-sdn:15718", reason = " " })).Status);
        Assert.Equal(403, (await s.StatusAsync(HttpMethod.Post, "/api/good-guys", "auditor", new { name = "Eric Badege", entry = "us-ofac-sdn:15718", reason = "x" })).Status);
        var added = await s.OkAsync(HttpMethod.Post, "/api/good-guys", "compliance",
            new { name = "  eric   BADEGE ", country = "cd", entry = "us-ofac-sdn:15718", reason = "our supplier in Goma, born 1990; passport seen" });
        await s.OkAsync(HttpMethod.Post, "/api/good-guys", "compliance",
            new { name = "BANCO NACIONAL DE CUBA", country = "CU", entry = "us-ofac-sdn:306", reason = "test of a changing entry" });
        Assert.Equal(2, (await s.OkAsync(HttpMethod.Get, "/api/good-guys", "compliance")).GetArrayLength());
        Assert.Empty((await s.OkAsync(HttpMethod.Get, "/api/good-guys", "auditor")).EnumerateArray()); // another organisation's list

        await s.OkAsync(HttpMethod.Post, "/api/monitor", "admin");
        var alerts = (await s.OkAsync(HttpMethod.Get, "/api/alerts", "compliance")).EnumerateArray()
            .Select(a => (Ref: a.GetProperty("counterpartyRef").GetString(), Entry: a.GetProperty("dataset").GetString() + ":" + a.GetProperty("sourceId").GetString())).ToList();
        Assert.DoesNotContain(("C-4", "us-ofac-sdn:15718"), alerts);           // the good guy, on that entry
        Assert.Contains(alerts, a => a.Ref == "C-4" && a.Entry.StartsWith("un-sc:", StringComparison.Ordinal)); // never another entry
        Assert.Contains(("C-5", "us-ofac-sdn:15718"), alerts);                 // other details: another party
        Assert.DoesNotContain(("C-7", "us-ofac-sdn:306"), alerts);

        // The 2021 set states BANCO NACIONAL DE CUBA's aliases and address, which the 2024 file lacks: that good guy no
        // longer holds. BADEGE's entry reads the same in both, so its good guy still does.
        await using (var store = await Chokepoint.Storage.SnapshotStores.OpenAsync(s.Connection, CancellationToken.None))
        {
            var older = await new Chokepoint.Sources.Snapshots.SnapshotImporter(store, TimeProvider.System)
                .ImportAsync(TestData.File(TestData.Sdn2021), new Chokepoint.Sources.Snapshots.ImportOptions(), null, CancellationToken.None);
            await s.OkAsync(HttpMethod.Post, $"/api/admin/lists/{older.Snapshot.Id.Value}/activate", "admin", new { reason = "the complete 2021 set" });
        }
        alerts = [.. (await s.OkAsync(HttpMethod.Get, "/api/alerts", "compliance")).EnumerateArray()
            .Select(a => (Ref: a.GetProperty("counterpartyRef").GetString(), Entry: a.GetProperty("dataset").GetString() + ":" + a.GetProperty("sourceId").GetString()))];
        Assert.Contains(("C-7", "us-ofac-sdn:306"), alerts);
        Assert.DoesNotContain(("C-4", "us-ofac-sdn:15718"), alerts);

        Assert.Equal(204, (await s.StatusAsync(HttpMethod.Post, $"/api/good-guys/{added.GetProperty("id").GetInt64()}/remove", "compliance", new { reason = "supplier relationship ended" })).Status);
        Assert.Single((await s.OkAsync(HttpMethod.Get, "/api/good-guys", "compliance")).EnumerateArray());
        Assert.Equal(404, (await s.StatusAsync(HttpMethod.Post, $"/api/good-guys/{added.GetProperty("id").GetInt64()}/remove", "compliance", new { reason = "again" })).Status);
        var trail = await s.OkAsync(HttpMethod.Get, "/api/licensing/audit/export?format=json", "auditor");
        Assert.Contains(trail.EnumerateArray(), e => e.GetProperty("action").GetString() == "goodguy.added");
        Assert.Contains(trail.EnumerateArray(), e => e.GetProperty("action").GetString() == "goodguy.removed");
    }
}

using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Monitoring;

/// <summary>Evidence files on alerts over HTTP: attached whole with their SHA-256, read back by the organisation only,
/// refused when empty, too large, badly encoded or on a closed alert; each in the audit trail.</summary>
public sealed class EvidenceTests
{
    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Evidence_is_attached_read_back_and_kept_to_its_organisation(string kind)
    {
        await using var s = await LicensingServer.StartAsync(kind);
        await s.OkAsync(HttpMethod.Post, "/api/counterparties", "compliance", new { counterparties = new[] { new { @ref = "C-4", name = "ERIC BADEGE", kind = "person" } } });
        await s.OkAsync(HttpMethod.Post, "/api/monitor", "admin");
        var id = (await s.OkAsync(HttpMethod.Get, "/api/alerts?state=Open", "compliance")).EnumerateArray().First().GetProperty("id").GetInt64();
        var content = "%PDF-1.4 passport of Eric Badege, born 1990 in Kinshasa\n"u8.ToArray();
        var added = await s.OkAsync(HttpMethod.Post, $"/api/alerts/{id}/evidence", "compliance", new { name = "../../passport.pdf", contentBase64 = Convert.ToBase64String(content) });
        Assert.Equal("passport.pdf", added.GetProperty("name").GetString()); // no path survives
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), added.GetProperty("sha256").GetString());
        var file = added.GetProperty("id").GetInt64();
        Assert.Single((await s.OkAsync(HttpMethod.Get, $"/api/alerts/{id}/evidence", "compliance")).EnumerateArray());
        using (var download = await s.SendAsync(HttpMethod.Get, $"/api/alerts/{id}/evidence/{file}", "compliance"))
        {
            Assert.Equal("application/octet-stream", download.Content.Headers.ContentType!.MediaType);
            Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
        }
        Assert.Equal(404, (await s.StatusAsync(HttpMethod.Get, $"/api/alerts/{id}/evidence/{file}", "auditor")).Status); // another organisation
        Assert.Empty((await s.OkAsync(HttpMethod.Get, $"/api/alerts/{id}/evidence", "auditor")).EnumerateArray());
        Assert.Equal(403, (await s.StatusAsync(HttpMethod.Post, $"/api/alerts/{id}/evidence", "auditor", new { name = "x.txt", contentBase64 = "eA==" })).Status); // auditors read
        Assert.Equal(400, (await s.StatusAsync(HttpMethod.Post, $"/api/alerts/{id}/evidence", "compliance", new { name = "x.txt", contentBase64 = "not base64!" })).Status);
        Assert.Equal(400, (await s.StatusAsync(HttpMethod.Post, $"/api/alerts/{id}/evidence", "compliance", new { name = "x.txt", contentBase64 = "" })).Status);
        Assert.Equal(400, (await s.StatusAsync(HttpMethod.Post, $"/api/alerts/{id}/evidence", "compliance", new { name = " ", contentBase64 = "eA==" })).Status);
        Assert.Equal(400, (await s.StatusAsync(HttpMethod.Post, $"/api/alerts/{id}/evidence", "compliance",
            new { name = "big.bin", contentBase64 = Convert.ToBase64String(new byte[Chokepoint.Application.Monitoring.Evidence.MaxBytes + 1]) })).Status);
        Assert.Equal(404, (await s.StatusAsync(HttpMethod.Post, "/api/alerts/999999/evidence", "compliance", new { name = "x.txt", contentBase64 = "eA==" })).Status);

        await s.OkAsync(HttpMethod.Post, $"/api/alerts/{id}/decide", "compliance", new { decision = "TrueMatch", reason = "it is him" });
        Assert.Equal(409, (await s.StatusAsync(HttpMethod.Post, $"/api/alerts/{id}/evidence", "compliance", new { name = "late.txt", contentBase64 = "eA==" })).Status);
        var trail = await s.OkAsync(HttpMethod.Get, "/api/licensing/audit/export?format=json", "auditor");
        Assert.Single(trail.EnumerateArray(), e => e.GetProperty("action").GetString() == "alert.evidence");
    }
}

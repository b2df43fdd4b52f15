using System.Net;
using System.Text.Json;
using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Server;

/// <summary>Every create answers 201 Created with a Location that reads back what was made (for those who may read it).</summary>
public sealed class CreatedResourceTests : IAsyncLifetime
{
    private LicensingServer _s = null!;

    public async ValueTask InitializeAsync() => _s = await LicensingServer.StartAsync(Stores.Sqlite);

    public async ValueTask DisposeAsync() => await _s.DisposeAsync();

    /// <summary>Creates as <paramref name="user"/>, checks 201 and Location, and returns the created body and Location.</summary>
    private async Task<(JsonElement Body, string Location)> CreateAsync(string path, string user, object body)
    {
        using var response = await _s.SendAsync(HttpMethod.Post, path, user, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {path}: {(int)response.StatusCode} {text}");
        var location = response.Headers.Location?.OriginalString;
        Assert.False(string.IsNullOrEmpty(location), $"POST {path}: no Location");
        return (JsonDocument.Parse(text).RootElement.Clone(), location!);
    }

    [Fact]
    public async Task Organisations_users_and_keys_are_created_where_they_are_read()
    {
        var (organisation, at) = await CreateAsync("/api/licensing/organisations", "admin", new { name = "Rhein Optik GmbH", country = "DE", kind = "exporter" });
        var id = organisation.GetProperty("id").GetInt64();
        Assert.Equal($"/api/licensing/organisations/{id}", at);
        Assert.Equal("Rhein Optik GmbH", (await _s.OkAsync(HttpMethod.Get, at, "auditor")).GetProperty("name").GetString());
        Assert.Equal(403, (await _s.StatusAsync(HttpMethod.Get, at, "applicant")).Status); // another organisation's member
        Assert.Equal(404, (await _s.StatusAsync(HttpMethod.Get, "/api/licensing/organisations/987654", "admin")).Status);

        var (user, userAt) = await CreateAsync("/api/licensing/users", "admin", new { username = "rhein-officer", password = LicensingServer.Password, role = "applicant", organisationId = id });
        Assert.Equal($"/api/licensing/users/{user.GetProperty("id").GetInt64()}", userAt);
        Assert.Equal("rhein-officer", (await _s.OkAsync(HttpMethod.Get, userAt, "admin")).GetProperty("username").GetString());
        Assert.Equal(403, (await _s.StatusAsync(HttpMethod.Get, userAt, "applicant")).Status);

        var (key, keyAt) = await CreateAsync($"{userAt}/keys", "admin", new { label = "erp" });
        Assert.Equal(userAt, keyAt);
        Assert.False(string.IsNullOrEmpty(key.GetProperty("key").GetString()));
    }

    [Fact]
    public async Task Evidence_and_good_guys_are_created_where_they_are_read()
    {
        await _s.OkAsync(HttpMethod.Post, "/api/counterparties", "compliance", new { counterparties = new[] { new { @ref = "C-4", name = "ERIC BADEGE", kind = "person" } } });
        await _s.OkAsync(HttpMethod.Post, "/api/monitor", "admin");
        var alert = (await _s.OkAsync(HttpMethod.Get, "/api/alerts?state=Open", "compliance")).EnumerateArray().First().GetProperty("id").GetInt64();
        var (file, fileAt) = await CreateAsync($"/api/alerts/{alert}/evidence", "compliance", new { name = "passport.pdf", contentBase64 = Convert.ToBase64String("%PDF-1.4"u8.ToArray()) });
        Assert.Equal($"/api/alerts/{alert}/evidence/{file.GetProperty("id").GetInt64()}", fileAt);
        using (var download = await _s.SendAsync(HttpMethod.Get, fileAt, "compliance")) Assert.Equal("%PDF-1.4"u8.ToArray(), await download.Content.ReadAsByteArrayAsync());

        var (goodGuy, goodGuyAt) = await CreateAsync("/api/good-guys", "compliance", new { name = "Eric Badege", country = "CD", entry = "us-ofac-sdn:15718", reason = "born 1990, not 1971" });
        Assert.Equal($"/api/good-guys/{goodGuy.GetProperty("id").GetInt64()}", goodGuyAt);
        Assert.Equal("us-ofac-sdn:15718", (await _s.OkAsync(HttpMethod.Get, goodGuyAt, "compliance")).GetProperty("entry").GetString());
        Assert.Equal(404, (await _s.StatusAsync(HttpMethod.Get, goodGuyAt, "auditor")).Status); // another organisation's list
        Assert.Equal(404, (await _s.StatusAsync(HttpMethod.Get, "/api/good-guys/987654", "compliance")).Status);
    }
}

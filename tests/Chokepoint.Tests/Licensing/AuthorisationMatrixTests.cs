using System.Net.Http.Headers;
using Chokepoint.Tests.Support;
using static Chokepoint.Tests.Licensing.LicensingFlow;

namespace Chokepoint.Tests.Licensing;

/// <summary>
/// Every licensing endpoint against every role and no credentials: anonymous calls get 401, roles the endpoint does not
/// serve get 403, the roles it serves get past authorisation (to a result, or to a 400/404/409 about the request).
/// </summary>
public sealed class AuthorisationMatrixTests : IAsyncLifetime
{
    private LicensingServer _s = null!;
    private long _app;
    private string _licence = "";

    private static readonly string[] Everyone = ["admin", "officer", "auditor", "applicant", "compliance"];

    public async ValueTask InitializeAsync()
    {
        _s = await LicensingServer.StartAsync(Stores.Sqlite);
        _licence = await LicenceAsync(_s, "GL-CN-900");
        _app = await SubmittedAsync(_s);
    }

    public ValueTask DisposeAsync() => _s.DisposeAsync();

    private IEnumerable<(HttpMethod Method, string Path, object? Body, string[] Allowed)> Endpoints()
    {
        var a = $"/api/licensing/applications/{_app}";
        var l = $"/api/licensing/licences/{_licence}";
        var step = new { message = "m", reason = "r", conditions = "c" };
        yield return (HttpMethod.Post, "/api/licensing/organisations", new { name = "Org " + Guid.NewGuid(), country = "DE", kind = "exporter" }, ["admin"]);
        yield return (HttpMethod.Post, "/api/licensing/users", new { username = "u" + Guid.NewGuid().ToString("N")[..8], password = "long enough password", role = "auditor", organisationId = 1 }, ["admin"]);
        yield return (HttpMethod.Get, "/api/licensing/users", null, ["admin", "auditor"]);
        yield return (HttpMethod.Get, "/api/licensing/users/1", null, ["admin", "auditor"]);
        yield return (HttpMethod.Post, "/api/licensing/users/1/keys", new { label = "k" }, ["admin"]);
        yield return (HttpMethod.Post, "/api/licensing/applications", Body(), ["applicant"]);
        yield return (HttpMethod.Put, a, Body(), ["applicant"]);
        yield return (HttpMethod.Get, "/api/licensing/applications", null, Everyone);
        yield return (HttpMethod.Get, a, null, Everyone);
        yield return (HttpMethod.Post, a + "/attachments", new { name = "x.pdf", contentBase64 = "AAAA" }, ["applicant"]);
        foreach (var s in new[] { "submit", "respond", "withdraw" }) yield return (HttpMethod.Post, $"{a}/{s}", step, ["applicant"]);
        foreach (var s in new[] { "review", "request-information", "approve", "countersign", "edit-outcome", "refuse", "return" }) yield return (HttpMethod.Post, $"{a}/{s}", step, ["officer"]);
        yield return (HttpMethod.Post, a + "/licence", new { type = "general", validFrom = "2025-01-01", validTo = "2025-12-31" }, ["officer"]);
        yield return (HttpMethod.Get, l, null, Everyone);
        yield return (HttpMethod.Post, l + "/usages", Usage("M-" + Guid.NewGuid().ToString("N")[..6], 1, 1), ["applicant", "compliance", "officer"]);
        yield return (HttpMethod.Post, l + "/usages/NONE/reverse", step, ["officer"]);
        yield return (HttpMethod.Post, l + "/amend", new { field = "endUse", value = "x", reason = "r" }, ["officer"]);
        foreach (var s in new[] { "suspend", "reinstate", "revoke" }) yield return (HttpMethod.Post, $"{l}/{s}", step, ["officer"]);
        yield return (HttpMethod.Post, l + "/surrender", step, ["applicant", "compliance"]);
        yield return (HttpMethod.Post, "/api/licensing/usage-batches", new { batchId = Guid.NewGuid().ToString(), rows = new[] { new { licence = _licence, line = 1, declarationRef = "B", date = "2025-03-01", quantity = 1, value = 1 } } }, ["officer"]);
        yield return (HttpMethod.Post, "/api/licensing/licences-expire", new { asOf = "2020-01-01" }, ["officer", "admin"]);
        yield return (HttpMethod.Get, "/api/licensing/audit/verify", null, ["auditor", "admin"]);
        yield return (HttpMethod.Get, "/api/licensing/audit/export?format=json", null, ["auditor", "admin"]);
    }

    [Fact]
    public async Task Every_endpoint_answers_every_role_as_the_matrix_says()
    {
        var failures = new List<string>();
        var count = 0;
        foreach (var (method, path, body, allowed) in Endpoints())
        {
            var (anonymous, _) = await _s.StatusAsync(method, path, null, body);
            if (anonymous != 401) failures.Add($"{method} {path} anonymous: {anonymous}, expected 401");
            foreach (var role in Everyone)
            {
                var (status, text) = await _s.StatusAsync(method, path, role, body);
                count++;
                if (allowed.Contains(role) && status is 401 or 403) failures.Add($"{method} {path} as {role}: {status} {text}");
                if (!allowed.Contains(role) && status != 403) failures.Add($"{method} {path} as {role}: {status}, expected 403");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(count >= 150, $"only {count} calls");
    }

    [Fact]
    public async Task People_sign_in_with_their_password_and_wrong_credentials_get_401()
    {
        using var ok = new HttpRequestMessage(HttpMethod.Get, "/api/licensing/applications");
        ok.Headers.Authorization = LicensingServer.Basic("applicant", LicensingServer.Password);
        Assert.Equal(200, (int)(await _s.Http.SendAsync(ok)).StatusCode);
        foreach (var auth in new[] { LicensingServer.Basic("applicant", "wrong password!!"), LicensingServer.Basic("nobody", "x"), new AuthenticationHeaderValue("Basic", "%%%") })
        {
            using var bad = new HttpRequestMessage(HttpMethod.Get, "/api/licensing/applications");
            bad.Headers.Authorization = auth;
            Assert.Equal(401, (int)(await _s.Http.SendAsync(bad)).StatusCode);
        }
        using var key = new HttpRequestMessage(HttpMethod.Get, "/api/licensing/applications");
        key.Headers.Add("X-Api-Key", "ck_forged");
        Assert.Equal(401, (int)(await _s.Http.SendAsync(key)).StatusCode);
    }

    [Fact]
    public async Task Another_organisations_files_forged_ids_and_bad_input_are_refused_and_change_nothing()
    {
        Assert.Equal(404, (await _s.StatusAsync(HttpMethod.Get, $"/api/licensing/applications/{_app}", "rival")).Status);
        Assert.Equal(404, (await _s.StatusAsync(HttpMethod.Post, $"/api/licensing/applications/{_app}/withdraw", "rival", new { })).Status);
        Assert.Equal(404, (await _s.StatusAsync(HttpMethod.Get, $"/api/licensing/licences/{_licence}", "rival")).Status);
        Assert.Equal(404, (await _s.StatusAsync(HttpMethod.Post, $"/api/licensing/licences/{_licence}/usages", "rival", Usage("X-1", 1, 1))).Status);
        Assert.Equal(404, (await _s.StatusAsync(HttpMethod.Get, "/api/licensing/applications/999999", "officer")).Status);
        Assert.Equal(404, (await _s.StatusAsync(HttpMethod.Get, "/api/licensing/licences/NO-SUCH", "officer")).Status);
        Assert.Equal(404, (await _s.StatusAsync(HttpMethod.Get, "/api/licensing/applications/abc", "officer")).Status);
        Assert.Equal(0, (await _s.OkAsync(HttpMethod.Get, "/api/licensing/applications", "rival")).GetArrayLength());

        // Separation of duties: an officer of the filing organisation may not decide.
        await _s.OkAsync(HttpMethod.Post, $"/api/licensing/applications/{_app}/review", "officer", new { });
        Assert.Equal(403, (await _s.StatusAsync(HttpMethod.Post, $"/api/licensing/applications/{_app}/approve", "insider", new { })).Status);
        // Invalid transitions.
        Assert.Equal(409, (await _s.StatusAsync(HttpMethod.Post, $"/api/licensing/applications/{_app}/submit", "applicant", new { })).Status);
        Assert.Equal(409, (await _s.StatusAsync(HttpMethod.Post, $"/api/licensing/applications/{_app}/countersign", "officer2", new { })).Status);

        var before = await _s.OkAsync(HttpMethod.Get, "/api/licensing/audit/verify", "auditor");
        var bad = new (HttpMethod, string, object)[]
        {
            (HttpMethod.Post, "/api/licensing/applications", new { jurisdiction = "CN", licenceType = "general", items = Array.Empty<object>(), destination = "DE" }),
            (HttpMethod.Post, "/api/licensing/applications", new { jurisdiction = "XX" }),
            (HttpMethod.Post, "/api/licensing/applications", "{ not json"),
            (HttpMethod.Post, "/api/licensing/applications", Body() is var b ? System.Text.Json.JsonSerializer.Serialize(b).Replace("IR lens blanks", new string('x', 5000), StringComparison.Ordinal) : ""),
            (HttpMethod.Post, "/api/licensing/applications", System.Text.Json.JsonSerializer.Serialize(Body(quantity: -5))),
            (HttpMethod.Post, $"/api/licensing/licences/{_licence}/usages", Usage("N-1", -1, 1)),
            (HttpMethod.Post, $"/api/licensing/licences/{_licence}/usages", new { declarationRef = "N-2", date = "2025-03-01", lines = new[] { new { line = 7, quantity = 1, value = 1 } } }),
            (HttpMethod.Post, $"/api/licensing/licences/{_licence}/usages", new { declarationRef = new string('d', 500), date = "2025-03-01", lines = new[] { new { line = 1, quantity = 1, value = 1 } } }),
        };
        foreach (var (method, path, body) in bad)
        {
            var (status, text) = await _s.StatusAsync(method, path, "applicant", body);
            Assert.True(status == 400, $"{path}: {status} {text}");
        }
        var attachment = await _s.StatusAsync(HttpMethod.Post, $"/api/licensing/applications/{_app}/attachments", "applicant", new { name = "x", contentBase64 = "@@@" });
        Assert.True(attachment.Status is 400 or 409, attachment.Body);
        var after = await _s.OkAsync(HttpMethod.Get, "/api/licensing/audit/verify", "auditor");
        Assert.Equal(before.GetProperty("events").GetInt64(), after.GetProperty("events").GetInt64()); // nothing was changed
    }
}

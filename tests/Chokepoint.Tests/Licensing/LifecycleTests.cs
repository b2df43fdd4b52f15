using System.Text.Json;
using Chokepoint.Tests.Support;
using static Chokepoint.Tests.Licensing.LicensingFlow;

namespace Chokepoint.Tests.Licensing;

/// <summary>The whole licensing lifecycle through the HTTP API, on SQLite and on PostgreSQL.</summary>
public sealed class LifecycleTests
{
    private static string Example(string id) => File.ReadAllText(Path.Combine(DecisionFixture.ExamplesFolder, "shipments", id + ".json"));

    [Fact]
    public async Task An_application_and_a_licence_are_created_with_201_and_a_location_that_reads_them()
    {
        await using var s = await LicensingServer.StartAsync(Stores.Sqlite);
        using var created = await s.SendAsync(HttpMethod.Post, "/api/licensing/applications", "applicant", Body(quantity: 100, value: 10_000));
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        Assert.Equal($"/api/licensing/applications/{id}", created.Headers.Location?.ToString());
        Assert.Equal(id, (await s.OkAsync(HttpMethod.Get, created.Headers.Location!.ToString(), "applicant")).GetProperty("id").GetInt64());

        foreach (var name in new[] { "end-user-certificate.pdf", "end-use-statement.pdf" })
            await s.OkAsync(HttpMethod.Post, $"/api/licensing/applications/{id}/attachments", "applicant",
                new { name, contentBase64 = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("%PDF-1.7 " + name)) });
        foreach (var step in new[] { ("submit", "applicant"), ("review", "officer") })
            await s.OkAsync(HttpMethod.Post, $"/api/licensing/applications/{id}/{step.Item1}", step.Item2, new { });
        await s.OkAsync(HttpMethod.Post, $"/api/licensing/applications/{id}/approve", "officer", new { conditions = "none" });
        using var issued = await s.SendAsync(HttpMethod.Post, $"/api/licensing/applications/{id}/licence", "officer",
            new { type = "general", validFrom = "2025-01-01", validTo = "2026-06-30", number = "GL/CN 7" });
        Assert.Equal(System.Net.HttpStatusCode.Created, issued.StatusCode);
        Assert.Equal("/api/licensing/licences/GL%2FCN%207", issued.Headers.Location?.OriginalString);
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Apply_request_information_approve_countersign_issue_draw_down_and_exhaust(string kind)
    {
        await using var s = await LicensingServer.StartAsync(kind);
        var id = await SubmittedAsync(s);
        var submitted = await s.OkAsync(HttpMethod.Get, $"/api/licensing/applications/{id}", "applicant");
        Assert.Equal("Submitted", State(submitted));
        Assert.Equal(2, submitted.GetProperty("attachments").GetArrayLength());
        Assert.Equal(64, submitted.GetProperty("attachments")[0].GetProperty("sha256").GetString()!.Length);
        // The engine's decision is attached, as a JSON object (not JSON inside a string).
        Assert.Equal(JsonValueKind.Object, submitted.GetProperty("evidence").ValueKind);
        Assert.Contains("LICENCE_REQUIRED", submitted.GetProperty("evidence").GetProperty("decision").GetRawText());
        Assert.Equal(45, submitted.GetProperty("clock").GetProperty("limitWorkingDays").GetInt32());

        await s.OkAsync(HttpMethod.Post, $"/api/licensing/applications/{id}/review", "officer", new { });
        var asked = await s.OkAsync(HttpMethod.Post, $"/api/licensing/applications/{id}/request-information", "officer", new { message = "Send the end user's ISO certificate." });
        Assert.Equal("InformationRequested", State(asked));
        Assert.True(asked.GetProperty("clock").GetProperty("paused").GetBoolean());
        var answered = await s.OkAsync(HttpMethod.Post, $"/api/licensing/applications/{id}/respond", "applicant", new { message = "Attached." });
        Assert.Equal("UnderReview", State(answered));
        Assert.False(answered.GetProperty("clock").GetProperty("paused").GetBoolean());

        var approved = await s.OkAsync(HttpMethod.Post, $"/api/licensing/applications/{id}/approve", "officer", new { conditions = "report each shipment" });
        Assert.True(approved.GetProperty("outcome").GetProperty("countersignRequired").GetBoolean()); // USD 1.5m is above the threshold
        var issue = new { type = "general", validFrom = "2025-01-01", validTo = "2026-06-30", number = "GL-CN-001" };
        Assert.Equal(409, (await s.StatusAsync(HttpMethod.Post, $"/api/licensing/applications/{id}/licence", "officer", issue)).Status);
        Assert.Equal(403, (await s.StatusAsync(HttpMethod.Post, $"/api/licensing/applications/{id}/countersign", "officer", new { })).Status);
        await s.OkAsync(HttpMethod.Post, $"/api/licensing/applications/{id}/countersign", "officer2", new { });
        // Editing the outcome afterwards voids the countersignature.
        await s.OkAsync(HttpMethod.Post, $"/api/licensing/applications/{id}/edit-outcome", "officer", new { conditions = "report each shipment within 10 days", reason = "tightened" });
        Assert.Equal(409, (await s.StatusAsync(HttpMethod.Post, $"/api/licensing/applications/{id}/licence", "officer", issue)).Status);
        await s.OkAsync(HttpMethod.Post, $"/api/licensing/applications/{id}/countersign", "officer2", new { });
        var licence = await s.OkAsync(HttpMethod.Post, $"/api/licensing/applications/{id}/licence", "officer", issue);
        Assert.Equal("Issued", State(licence));

        // 400 kg used so far, as in scenario S02.
        Assert.Equal("Active", State(await s.OkAsync(HttpMethod.Post, "/api/licensing/licences/GL-CN-001/usages", "applicant", Usage("DEC-0001", 400, 600_000))));

        // S02: the decision engine reads this licence and its balance: CLEAR, 200 kg drawn leaves 400.
        var s02 = await s.CheckAsync(Example("S02"));
        Assert.Equal("CLEAR", s02.GetProperty("decision").GetString());
        Assert.Equal(400, s02.GetProperty("licences")[0].GetProperty("remainingAfter").GetDecimal());
        await s.OkAsync(HttpMethod.Post, "/api/licensing/licences/GL-CN-001/usages", "compliance", Usage("DEC-0002", 200, 300_000));
        await s.OkAsync(HttpMethod.Post, "/api/licensing/licences/GL-CN-001/usages", "applicant", Usage("DEC-0003", 350, 525_000));

        // S03: 950 of 1,000 kg used, 100 kg asked: the engine says LICENCE_REQUIRED and the drawdown is refused.
        var s03 = await s.CheckAsync(Example("S03"));
        Assert.Equal("LICENCE_REQUIRED", s03.GetProperty("decision").GetString());
        var over = await s.StatusAsync(HttpMethod.Post, "/api/licensing/licences/GL-CN-001/usages", "applicant", Usage("DEC-0004", 100, 150_000));
        Assert.Equal(409, over.Status);
        Assert.Contains("overdraw", over.Body);
        var replay = await s.OkAsync(HttpMethod.Post, "/api/licensing/licences/GL-CN-001/usages", "applicant", Usage("DEC-0003", 350, 525_000));
        Assert.True(replay.GetProperty("replayed").GetBoolean());
        Assert.Equal(950, replay.GetProperty("lines")[0].GetProperty("quantityUsed").GetDecimal());

        var last = await s.OkAsync(HttpMethod.Post, "/api/licensing/licences/GL-CN-001/usages", "applicant", Usage("DEC-0005", 50, 75_000));
        Assert.Equal("Exhausted", State(last));
        var after = await s.StatusAsync(HttpMethod.Post, "/api/licensing/licences/GL-CN-001/usages", "applicant", Usage("DEC-0006", 1, 1));
        Assert.Equal(409, after.Status);
        Assert.Contains("exhausted", after.Body);

        var audit = await s.OkAsync(HttpMethod.Get, "/api/licensing/audit/verify", "auditor");
        Assert.True(audit.GetProperty("intact").GetBoolean());
        Assert.True(audit.GetProperty("events").GetInt64() > 20);
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Refusal_withdrawal_return_suspension_revocation_expiry_and_amendment(string kind)
    {
        await using var s = await LicensingServer.StartAsync(kind);
        var refused = await SubmittedAsync(s);
        await s.OkAsync(HttpMethod.Post, $"/api/licensing/applications/{refused}/review", "officer", new { });
        Assert.Equal("Refused", State(await s.OkAsync(HttpMethod.Post, $"/api/licensing/applications/{refused}/refuse", "officer", new { reason = "end use not credible" })));
        Assert.Equal(409, (await s.StatusAsync(HttpMethod.Post, $"/api/licensing/applications/{refused}/approve", "officer", new { })).Status);

        var draft = (await s.OkAsync(HttpMethod.Post, "/api/licensing/applications", "applicant", Body())).GetProperty("id").GetInt64();
        Assert.Equal("Withdrawn", State(await s.OkAsync(HttpMethod.Post, $"/api/licensing/applications/{draft}/withdraw", "applicant", new { reason = "order cancelled" })));

        var returned = await SubmittedAsync(s);
        Assert.Equal("Returned", State(await s.OkAsync(HttpMethod.Post, $"/api/licensing/applications/{returned}/return", "officer", new { reason = "contract missing" })));
        await s.OkAsync(HttpMethod.Put, $"/api/licensing/applications/{returned}", "applicant", Body(quantity: 900));
        Assert.Equal("Submitted", State(await s.OkAsync(HttpMethod.Post, $"/api/licensing/applications/{returned}/submit", "applicant", new { })));

        // Suspension refuses usage until reinstated; a single licence lapses once used.
        var single = await LicenceAsync(s, "SL-CN-002", type: "single", validTo: "2025-12-31");
        await s.OkAsync(HttpMethod.Post, $"/api/licensing/licences/{single}/suspend", "officer", new { reason = "inquiry" });
        var suspended = await s.StatusAsync(HttpMethod.Post, $"/api/licensing/licences/{single}/usages", "applicant", Usage("D-1", 10, 1_000));
        Assert.Equal(409, suspended.Status);
        Assert.Contains("suspended", suspended.Body);
        await s.OkAsync(HttpMethod.Post, $"/api/licensing/licences/{single}/reinstate", "officer", new { reason = "inquiry closed" });
        Assert.Equal("Exhausted", State(await s.OkAsync(HttpMethod.Post, $"/api/licensing/licences/{single}/usages", "applicant", Usage("D-1", 10, 1_000))));
        Assert.Contains("single licence lapses", (await s.StatusAsync(HttpMethod.Post, $"/api/licensing/licences/{single}/usages", "applicant", Usage("D-2", 1, 1))).Body);

        var revoked = await LicenceAsync(s, "GL-CN-003");
        await s.OkAsync(HttpMethod.Post, $"/api/licensing/licences/{revoked}/revoke", "officer", new { reason = "end user listed" });
        Assert.Contains("revoked", (await s.StatusAsync(HttpMethod.Post, $"/api/licensing/licences/{revoked}/usages", "applicant", Usage("D-3", 1, 1))).Body);

        var expiring = await LicenceAsync(s, "GL-CN-004", validTo: "2025-06-30");
        var expired = await s.OkAsync(HttpMethod.Post, "/api/licensing/licences-expire", "officer", new { asOf = "2025-07-01" });
        Assert.Contains("GL-CN-004", expired.EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("expired", (await s.StatusAsync(HttpMethod.Post, $"/api/licensing/licences/{expiring}/usages", "applicant", Usage("D-4", 1, 1, "2025-06-01"))).Body);

        var amended = await LicenceAsync(s, "GL-CN-005");
        var newUser = await s.StatusAsync(HttpMethod.Post, $"/api/licensing/licences/{amended}/amend", "officer", new { field = "endUser", value = "Other GmbH", reason = "buyer changed" });
        Assert.Equal(409, newUser.Status);
        Assert.Contains("new application", newUser.Body);
        var extended = await s.OkAsync(HttpMethod.Post, $"/api/licensing/licences/{amended}/amend", "officer", new { field = "validTo", value = "2027-12-31", reason = "contract extended" });
        Assert.Equal("2027-12-31", extended.GetProperty("validTo").GetString());
        await s.OkAsync(HttpMethod.Post, $"/api/licensing/licences/{amended}/surrender", "applicant", new { reason = "no longer needed" });

        Assert.True((await s.OkAsync(HttpMethod.Get, "/api/licensing/audit/verify", "auditor")).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task Customs_batches_ignore_repeats_reject_bad_rows_and_reversals_restore_balance()
    {
        await using var s = await LicensingServer.StartAsync(Stores.Sqlite);
        var number = await LicenceAsync(s, "GL-CN-010");
        object Batch(string id) => new
        {
            batchId = id,
            rows = new object[]
            {
                new { licence = number, line = 1, declarationRef = "C-1", date = "2025-03-01", quantity = 30, value = 3_000 },
                new { licence = number, line = 9, declarationRef = "C-2", date = "2025-03-01", quantity = 1, value = 1 },
                new { licence = "NO-SUCH", line = 1, declarationRef = "C-3", date = "2025-03-01", quantity = 1, value = 1 },
                new { licence = number, line = 1, declarationRef = "C-4", date = "2025-03-01", quantity = 500, value = 1 },
                new { licence = number, line = 1, declarationRef = "C-5", date = "2025-03-02", quantity = 20, value = 2_000 },
            },
        };
        var first = await s.OkAsync(HttpMethod.Post, "/api/licensing/usage-batches", "officer", Batch("CUSTOMS-2025-03-02"));
        Assert.Equal([true, false, false, false, true], first.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("accepted").GetBoolean()));
        Assert.Contains("no line 9", first.GetProperty("rows")[1].GetProperty("reason").GetString());
        var again = await s.OkAsync(HttpMethod.Post, "/api/licensing/usage-batches", "officer", Batch("CUSTOMS-2025-03-02"));
        Assert.True(again.GetProperty("repeated").GetBoolean());
        var licence = await s.OkAsync(HttpMethod.Get, $"/api/licensing/licences/{number}", "applicant");
        Assert.Equal(50, licence.GetProperty("lines")[0].GetProperty("quantityUsed").GetDecimal());

        var reversed = await s.OkAsync(HttpMethod.Post, $"/api/licensing/licences/{number}/usages/C-5/reverse", "officer", new { reason = "declaration cancelled" });
        Assert.Equal(30, reversed.GetProperty("lines")[0].GetProperty("quantityUsed").GetDecimal());
        Assert.Equal(404, (await s.StatusAsync(HttpMethod.Post, $"/api/licensing/licences/{number}/usages/C-5/reverse", "officer", new { reason = "again" })).Status);
    }
}

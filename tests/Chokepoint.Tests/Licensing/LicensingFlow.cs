using System.Text.Json;
using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Licensing;

/// <summary>Steps the licensing tests share: filing an application for the germanium of scenarios S02/S03.</summary>
internal static class LicensingFlow
{
    public static object Body(decimal quantity = 1000, decimal value = 1_500_000, string type = "general") => new
    {
        jurisdiction = "CN",
        licenceType = type,
        applicant = new { name = "Yunnan Germanium Materials Co., Ltd.", registrationNumber = "91530000MA6K", country = "CN" },
        contract = new { number = "RO-2025-001", date = "2025-01-10", value, currency = "USD" },
        technicalSpecification = "Zone-refined germanium ingot, purity 99.999 %",
        items = new[] { new { description = "Germanium metal ingot, 5N", controlCode = "3C002", hsCode = "8112921090", quantity, unit = "kg", value, currency = "USD" } },
        destination = "DE",
        endUser = new { name = "Rhein Optik GmbH", country = "DE", address = "Industriestr. 5, Jena" },
        endUse = "IR lens blanks",
        endUserCertificate = "end-user-certificate.pdf",
        endUseCertificate = "end-use-statement.pdf",
    };

    /// <summary>Creates, attaches the certificates to and submits an application; returns its id.</summary>
    public static async Task<long> SubmittedAsync(LicensingServer s, object? body = null)
    {
        var created = await s.OkAsync(HttpMethod.Post, "/api/licensing/applications", "applicant", body ?? Body());
        var id = created.GetProperty("id").GetInt64();
        foreach (var name in new[] { "end-user-certificate.pdf", "end-use-statement.pdf" })
            await s.OkAsync(HttpMethod.Post, $"/api/licensing/applications/{id}/attachments", "applicant",
                new { name, contentBase64 = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("%PDF-1.7 certificate " + name)) });
        await s.OkAsync(HttpMethod.Post, $"/api/licensing/applications/{id}/submit", "applicant", new { });
        return id;
    }

    /// <summary>Files, reviews and approves an application and issues its licence; returns the licence number.</summary>
    public static async Task<string> LicenceAsync(LicensingServer s, string number, object? body = null, string type = "general", string validTo = "2026-06-30")
    {
        var id = await SubmittedAsync(s, body ?? Body(quantity: 100, value: 10_000, type: type));
        await s.OkAsync(HttpMethod.Post, $"/api/licensing/applications/{id}/review", "officer", new { });
        await s.OkAsync(HttpMethod.Post, $"/api/licensing/applications/{id}/approve", "officer", new { conditions = "none" });
        var licence = await s.OkAsync(HttpMethod.Post, $"/api/licensing/applications/{id}/licence", "officer",
            new { type, validFrom = "2025-01-01", validTo, number });
        return licence.GetProperty("number").GetString()!;
    }

    public static object Usage(string declaration, decimal quantity, decimal value, string date = "2025-03-15") =>
        new { declarationRef = declaration, date, lines = new[] { new { line = 1, quantity, value } } };

    public static string State(JsonElement e) => e.GetProperty("state").GetString()!;
}

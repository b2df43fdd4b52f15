using Chokepoint.Core.Identity;
using System.Security.Claims;
using Chokepoint.Licensing;
using Chokepoint.Licensing.Accounts;
using Chokepoint.Licensing.Applications;
using Chokepoint.Licensing.Audit;
using Chokepoint.Licensing.Licences;
using Chokepoint.Matching.Screening;
using Chokepoint.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chokepoint.Server.Api;

public sealed record OrganisationRequest(string Name, string Country, string Kind);
public sealed record UserRequest(string Username, string Password, string Role, long OrganisationId);
public sealed record KeyRequest(string Label);
public sealed record StepRequest(string? Message = null, string? Reason = null, string? Conditions = null);
public sealed record AttachmentRequest(string Name, string ContentBase64);
public sealed record ExpireRequest(DateOnly AsOf);

/// <summary>
/// The licensing API under /api/licensing: accounts, applications, licences, usage and the audit trail. Every call
/// needs a signed-in user or a licensing key; the services authorise by role and organisation.
/// </summary>
public static class LicensingApi
{
    public static void MapLicensingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/licensing").RequirePermission(Permission.UseLicensing);

        api.MapPost("/organisations", (OrganisationRequest r, AccountService s, ClaimsPrincipal u, CancellationToken ct) =>
            Created(() => s.CreateOrganisationAsync(Actor(u), r.Name, r.Country, r.Kind, ct), o => $"/api/licensing/organisations/{o.Id}"));
        api.MapGet("/organisations/{id:long}", (long id, AccountService s, ClaimsPrincipal u, CancellationToken ct) => Ok(() => s.OrganisationAsync(Actor(u), id, ct)));
        api.MapPost("/users", (UserRequest r, AccountService s, ClaimsPrincipal u, CancellationToken ct) =>
            Created(() => s.CreateUserAsync(Actor(u), r.Username, r.Password, r.Role, r.OrganisationId, ct), v => $"/api/licensing/users/{v.Id}"));
        api.MapGet("/users", (AccountService s, ClaimsPrincipal u, CancellationToken ct) => Ok(() => s.UsersAsync(Actor(u), ct)));
        api.MapGet("/users/{id:long}", (long id, AccountService s, ClaimsPrincipal u, CancellationToken ct) => Ok(() => s.UserAsync(Actor(u), id, ct)));
        api.MapPost("/users/{username}/unlock", (string username, StepRequest r, AccountService s, ClaimsPrincipal u, CancellationToken ct) =>
            Ok(() => s.UnlockAsync(Actor(u), username, r.Reason ?? "", ct)));
        // The key is shown once and never read back: Location names the account it belongs to.
        api.MapPost("/users/{id:long}/keys", (long id, KeyRequest r, AccountService s, ClaimsPrincipal u, CancellationToken ct) =>
            Created(async () => new { key = await s.CreateApiKeyAsync(Actor(u), id, r.Label, ct) }, _ => $"/api/licensing/users/{id}"));

        api.MapPost("/applications", (ApplicationBody b, ApplicationService s, ClaimsPrincipal u, CancellationToken ct) =>
            Created(() => s.CreateAsync(Actor(u), b, ct), a => $"/api/licensing/applications/{a.Id}"));
        api.MapPut("/applications/{id:long}", (long id, ApplicationBody b, ApplicationService s, ClaimsPrincipal u, CancellationToken ct) => Ok(() => s.UpdateAsync(Actor(u), id, b, ct)));
        api.MapGet("/applications", (ApplicationService s, ClaimsPrincipal u, CancellationToken ct) => Ok(() => s.ListAsync(Actor(u), ct)));
        api.MapGet("/applications/{id:long}", (long id, ApplicationService s, ClaimsPrincipal u, CancellationToken ct) => Ok(() => s.GetAsync(Actor(u), id, ct)));
        api.MapPost("/applications/{id:long}/attachments", (long id, AttachmentRequest r, ApplicationService s, ClaimsPrincipal u, CancellationToken ct) =>
            Ok(() =>
            {
                byte[] content;
                try { content = Convert.FromBase64String(r.ContentBase64 ?? ""); }
                catch (FormatException) { throw LicensingException.Bad("contentBase64 is not base64."); }
                return s.AttachAsync(Actor(u), id, r.Name, content, ct);
            }));
        api.MapPost("/applications/{id:long}/{step}", (long id, string step, StepRequest? r, ApplicationService s, ClaimsPrincipal u, CancellationToken ct) =>
            Ok(() =>
            {
                var a = Actor(u);
                r ??= new StepRequest();
                return step switch
                {
                    "submit" => s.SubmitAsync(a, id, ct),
                    "review" => s.StartReviewAsync(a, id, ct),
                    "request-information" => s.RequestInformationAsync(a, id, r.Message ?? "", ct),
                    "respond" => s.RespondAsync(a, id, r.Message ?? "", ct),
                    "approve" => s.ApproveAsync(a, id, r.Conditions, ct),
                    "countersign" => s.CountersignAsync(a, id, ct),
                    "edit-outcome" => s.EditOutcomeAsync(a, id, r.Conditions ?? "", r.Reason ?? "", ct),
                    "refuse" => s.RefuseAsync(a, id, r.Reason ?? "", ct),
                    "return" => s.ReturnAsync(a, id, r.Reason ?? "", ct),
                    "withdraw" => s.WithdrawAsync(a, id, r.Reason, ct),
                    _ => throw LicensingException.NotFound($"There is no step '{step}' (submit, review, request-information, respond, approve, countersign, edit-outcome, refuse, return, withdraw)."),
                };
            }));
        api.MapPost("/applications/{id:long}/licence", (long id, IssueRequest r, LicenceService s, ClaimsPrincipal u, CancellationToken ct) =>
            Created(() => s.IssueAsync(Actor(u), id, r, ct), l => $"/api/licensing/licences/{Uri.EscapeDataString(l.Number)}"));

        api.MapGet("/licences/{number}", (string number, LicenceService s, ClaimsPrincipal u, CancellationToken ct) => Ok(() => s.GetAsync(Actor(u), number, ct)));
        api.MapPost("/licences/{number}/usages", (string number, UsageRequest r, LicenceService s, ClaimsPrincipal u, CancellationToken ct) => Ok(() => s.UseAsync(Actor(u), number, r, ct)));
        api.MapPost("/licences/{number}/usages/{declaration}/reverse", (string number, string declaration, StepRequest r, LicenceService s, ClaimsPrincipal u, CancellationToken ct) =>
            Ok(() => s.ReverseAsync(Actor(u), number, declaration, r.Reason ?? "", ct)));
        api.MapPost("/licences/{number}/amend", (string number, AmendRequest r, LicenceService s, ClaimsPrincipal u, CancellationToken ct) => Ok(() => s.AmendAsync(Actor(u), number, r, ct)));
        api.MapPost("/licences/{number}/{step}", (string number, string step, StepRequest r, LicenceService s, ClaimsPrincipal u, CancellationToken ct) =>
            Ok(() => step switch
            {
                "suspend" => s.SuspendAsync(Actor(u), number, r.Reason ?? "", ct),
                "reinstate" => s.ReinstateAsync(Actor(u), number, r.Reason ?? "", ct),
                "revoke" => s.RevokeAsync(Actor(u), number, r.Reason ?? "", ct),
                "surrender" => s.SurrenderAsync(Actor(u), number, r.Reason ?? "", ct),
                _ => throw LicensingException.NotFound($"There is no step '{step}' (suspend, reinstate, revoke, surrender)."),
            }));
        api.MapPost("/usage-batches", (Chokepoint.Licensing.Licences.BatchRequest r, LicenceService s, ClaimsPrincipal u, CancellationToken ct) => Ok(() => s.UseBatchAsync(Actor(u), r, ct)));
        api.MapPost("/licences-expire", (ExpireRequest r, LicenceService s, ClaimsPrincipal u, CancellationToken ct) => Ok(() => s.ExpireDueAsync(Actor(u), r.AsOf, ct)));

        api.MapGet("/audit/verify", (AuditService s, ClaimsPrincipal u, CancellationToken ct) => Ok(() => s.VerifyAsync(Actor(u), ct)));
        api.MapGet("/audit/export", async (string? format, AuditService s, ClaimsPrincipal u, CancellationToken ct) =>
        {
            var f = format ?? "json";
            var body = await s.ExportAsync(Actor(u), f, ct);
            return TypedResults.Text(body, f == "csv" ? "text/csv" : "application/json");
        });
    }

    private static Actor Actor(ClaimsPrincipal user) => ChokepointAuthentication.ActorOf(user);

    /// <summary>The service's answer as 200; its failures are thrown and answered by <see cref="Problems"/>.</summary>
    private static async Task<Ok<T>> Ok<T>(Func<Task<T>> work) => TypedResults.Ok(await work());

    /// <summary>A new record as 201, with Location naming where it is read.</summary>
    private static async Task<Created<T>> Created<T>(Func<Task<T>> work, Func<T, string> location)
    {
        var made = await work();
        return TypedResults.Created(location(made), made);
    }
}

using System.Security.Claims;
using Chokepoint.Licensing;
using Chokepoint.Licensing.Accounts;
using Chokepoint.Licensing.Applications;
using Chokepoint.Licensing.Audit;
using Chokepoint.Licensing.Licences;
using Chokepoint.Matching.Screening;
using Chokepoint.Server.Security;

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
        var api = app.MapGroup("/api/licensing").RequireAuthorization(LicensingAuthentication.Name);

        api.MapPost("/organisations", (OrganisationRequest r, AccountService s, ClaimsPrincipal u, CancellationToken ct) =>
            Run(() => s.CreateOrganisationAsync(Actor(u), r.Name, r.Country, r.Kind, ct)));
        api.MapPost("/users", (UserRequest r, AccountService s, ClaimsPrincipal u, CancellationToken ct) =>
            Run(() => s.CreateUserAsync(Actor(u), r.Username, r.Password, r.Role, r.OrganisationId, ct)));
        api.MapGet("/users", (AccountService s, ClaimsPrincipal u, CancellationToken ct) => Run(() => s.UsersAsync(Actor(u), ct)));
        api.MapPost("/users/{username}/unlock", (string username, StepRequest r, AccountService s, ClaimsPrincipal u, CancellationToken ct) =>
            Run(() => s.UnlockAsync(Actor(u), username, r.Reason ?? "", ct)));
        api.MapPost("/users/{id:long}/keys", (long id, KeyRequest r, AccountService s, ClaimsPrincipal u, CancellationToken ct) =>
            Run(async () => new { key = await s.CreateApiKeyAsync(Actor(u), id, r.Label, ct) }));

        api.MapPost("/applications", (ApplicationBody b, ApplicationService s, ClaimsPrincipal u, CancellationToken ct) => Run(() => s.CreateAsync(Actor(u), b, ct)));
        api.MapPut("/applications/{id:long}", (long id, ApplicationBody b, ApplicationService s, ClaimsPrincipal u, CancellationToken ct) => Run(() => s.UpdateAsync(Actor(u), id, b, ct)));
        api.MapGet("/applications", (ApplicationService s, ClaimsPrincipal u, CancellationToken ct) => Run(() => s.ListAsync(Actor(u), ct)));
        api.MapGet("/applications/{id:long}", (long id, ApplicationService s, ClaimsPrincipal u, CancellationToken ct) => Run(() => s.GetAsync(Actor(u), id, ct)));
        api.MapPost("/applications/{id:long}/attachments", (long id, AttachmentRequest r, ApplicationService s, ClaimsPrincipal u, CancellationToken ct) =>
            Run(() =>
            {
                byte[] content;
                try { content = Convert.FromBase64String(r.ContentBase64 ?? ""); }
                catch (FormatException) { throw LicensingException.Bad("contentBase64 is not base64."); }
                return s.AttachAsync(Actor(u), id, r.Name, content, ct);
            }));
        api.MapPost("/applications/{id:long}/{step}", (long id, string step, StepRequest? r, ApplicationService s, ClaimsPrincipal u, CancellationToken ct) =>
            Run(() =>
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
        api.MapPost("/applications/{id:long}/licence", (long id, IssueRequest r, LicenceService s, ClaimsPrincipal u, CancellationToken ct) => Run(() => s.IssueAsync(Actor(u), id, r, ct)));

        api.MapGet("/licences/{number}", (string number, LicenceService s, ClaimsPrincipal u, CancellationToken ct) => Run(() => s.GetAsync(Actor(u), number, ct)));
        api.MapPost("/licences/{number}/usages", (string number, UsageRequest r, LicenceService s, ClaimsPrincipal u, CancellationToken ct) => Run(() => s.UseAsync(Actor(u), number, r, ct)));
        api.MapPost("/licences/{number}/usages/{declaration}/reverse", (string number, string declaration, StepRequest r, LicenceService s, ClaimsPrincipal u, CancellationToken ct) =>
            Run(() => s.ReverseAsync(Actor(u), number, declaration, r.Reason ?? "", ct)));
        api.MapPost("/licences/{number}/amend", (string number, AmendRequest r, LicenceService s, ClaimsPrincipal u, CancellationToken ct) => Run(() => s.AmendAsync(Actor(u), number, r, ct)));
        api.MapPost("/licences/{number}/{step}", (string number, string step, StepRequest r, LicenceService s, ClaimsPrincipal u, CancellationToken ct) =>
            Run(() => step switch
            {
                "suspend" => s.SuspendAsync(Actor(u), number, r.Reason ?? "", ct),
                "reinstate" => s.ReinstateAsync(Actor(u), number, r.Reason ?? "", ct),
                "revoke" => s.RevokeAsync(Actor(u), number, r.Reason ?? "", ct),
                "surrender" => s.SurrenderAsync(Actor(u), number, r.Reason ?? "", ct),
                _ => throw LicensingException.NotFound($"There is no step '{step}' (suspend, reinstate, revoke, surrender)."),
            }));
        api.MapPost("/usage-batches", (Chokepoint.Licensing.Licences.BatchRequest r, LicenceService s, ClaimsPrincipal u, CancellationToken ct) => Run(() => s.UseBatchAsync(Actor(u), r, ct)));
        api.MapPost("/licences-expire", (ExpireRequest r, LicenceService s, ClaimsPrincipal u, CancellationToken ct) => Run(() => s.ExpireDueAsync(Actor(u), r.AsOf, ct)));

        api.MapGet("/audit/verify", (AuditService s, ClaimsPrincipal u, CancellationToken ct) => Run(() => s.VerifyAsync(Actor(u), ct)));
        api.MapGet("/audit/export", async (string? format, AuditService s, ClaimsPrincipal u, CancellationToken ct) =>
        {
            try
            {
                var f = format ?? "json";
                var body = await s.ExportAsync(Actor(u), f, ct);
                return Results.Text(body, f == "csv" ? "text/csv" : "application/json");
            }
            catch (LicensingException e) { return Problem(e); }
        });
    }

    private static Actor Actor(ClaimsPrincipal user) => LicensingAuthentication.ActorOf(user);

    private static async Task<IResult> Run<T>(Func<Task<T>> action)
    {
        try
        {
            return Results.Ok(await action());
        }
        catch (LicensingException e)
        {
            return Problem(e);
        }
        catch (ScreeningUnavailableException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "No list loaded");
        }
    }

    private static IResult Problem(LicensingException e) => Results.Problem(e.Message, statusCode: e.Failure switch
    {
        Failure.BadRequest => StatusCodes.Status400BadRequest,
        Failure.Forbidden => StatusCodes.Status403Forbidden,
        Failure.NotFound => StatusCodes.Status404NotFound,
        Failure.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status503ServiceUnavailable,
    }, title: e.Failure.ToString());
}

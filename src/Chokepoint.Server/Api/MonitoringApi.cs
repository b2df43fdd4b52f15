using System.Security.Claims;
using Chokepoint.Application.Monitoring;
using Chokepoint.Core.Identity;
using Chokepoint.Core.Listings;
using Chokepoint.Licensing;
using Chokepoint.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chokepoint.Server.Api;

/// <summary>A counterparty as the API takes it.</summary>
public sealed record CounterpartyRequest(string? Ref, string? Name, string? Kind = null, string? Country = null, string? Dob = null, string? Id = null, string? Address = null);

public sealed record CounterpartyBatch(CounterpartyRequest[]? Counterparties, string? Source = null);

public sealed record AlertDecisionRequest(string? Decision, string? Reason);

public sealed record GoodGuyRequest(string? Name, string? Entry, string? Reason, string? Country = null, string? Dob = null);

/// <summary>
/// The monitoring loop over HTTP: /api/counterparties (register, list, show with versions), /api/alerts (inbox, one
/// alert, decide, approve), /api/screenings/{id} (read back, replay) and /api/monitor (run now). Reviewers and
/// approvers are compliance officers and administrators (four eyes: the approver has another role); auditors read.
/// </summary>
public static class MonitoringApi
{
    public const int MaxCounterpartiesPerRequest = 100_000;

    public static void MapMonitoringApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");

        api.MapPost("/counterparties", async Task<Ok<CounterpartyImport>> (CounterpartyBatch body, MonitoringDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(await desk.Register.ImportAsync(ChokepointAuthentication.ActorOf(user), Parties(body), body.Source, ct)))
            .RequirePermission(Permission.ReviewAlerts)
            .WithSummary("Register or update counterparties by their ref, in one transaction; a bad one refuses the request");
        api.MapGet("/counterparties", async Task<Ok<IReadOnlyList<RegisteredCounterparty>>> (MonitoringDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(await desk.Register.ListAsync(ChokepointAuthentication.ActorOf(user), ct)))
            .RequirePermission(Permission.ReadAlerts);
        api.MapGet("/counterparties/{reference}", async Task<Ok<CounterpartyDetail>> (string reference, MonitoringDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var (current, versions) = await desk.Register.ShowAsync(ChokepointAuthentication.ActorOf(user), reference, ct);
                return TypedResults.Ok(new CounterpartyDetail(current, versions));
            })
            .RequirePermission(Permission.ReadAlerts);

        api.MapGet("/alerts", async Task<Ok<IReadOnlyList<AlertView>>> (string? state, MonitoringDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(await desk.Alerts.ListAsync(ChokepointAuthentication.ActorOf(user), State(state), ct)))
            .RequirePermission(Permission.ReadAlerts)
            .WithSummary("The organisation's alerts, oldest first; ?state=Open|InReview|AwaitingApproval|Closed");
        api.MapGet("/alerts/{id:long}", async Task<Ok<AlertView>> (long id, MonitoringDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(await desk.Alerts.ShowAsync(ChokepointAuthentication.ActorOf(user), id, ct)))
            .RequirePermission(Permission.ReadAlerts);
        api.MapPost("/alerts/{id:long}/decide", async Task<Ok<AlertView>> (long id, AlertDecisionRequest body, MonitoringDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var decision = Enum.TryParse<AlertDecision>(body.Decision, ignoreCase: false, out var d) && Enum.IsDefined(d) ? d
                    : throw LicensingException.Bad("decision must be TrueMatch, FalsePositive or NeedInfo.");
                return TypedResults.Ok(await desk.Alerts.DecideAsync(ChokepointAuthentication.ActorOf(user), id, decision, body.Reason ?? "", ct));
            })
            .RequirePermission(Permission.ReviewAlerts)
            .WithSummary("Decide an alert: TrueMatch, FalsePositive (awaits a second person of another role) or NeedInfo, with a reason");
        api.MapPost("/alerts/{id:long}/approve", async Task<Ok<AlertView>> (long id, MonitoringDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(await desk.Alerts.ApproveAsync(ChokepointAuthentication.ActorOf(user), id, ct)))
            .RequirePermission(Permission.ReviewAlerts);

        api.MapPost("/alerts/{id:long}/send-back", async Task<Ok<AlertView>> (long id, AlertDecisionRequest body, MonitoringDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(await desk.Alerts.SendBackAsync(ChokepointAuthentication.ActorOf(user), id, body.Reason ?? "", ct)))
            .RequirePermission(Permission.ReviewAlerts)
            .WithSummary("Send a false positive awaiting approval back for a new decision, with a reason (four eyes as for approval)");

        api.MapPost("/alerts/{id:long}/evidence", async Task<Created<EvidenceFile>> (long id, AttachmentRequest body, MonitoringDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
            {
                byte[] content;
                try { content = Convert.FromBase64String(body.ContentBase64 ?? ""); }
                catch (FormatException) { throw LicensingException.Bad("contentBase64 is not base64."); }
                var file = await desk.Evidence.AttachAsync(ChokepointAuthentication.ActorOf(user), id, body.Name ?? "", content, ct);
                return TypedResults.Created($"/api/alerts/{id}/evidence/{file.Id}", file);
            })
            .RequirePermission(Permission.ReviewAlerts)
            .WithSummary("Attach an evidence file to an alert ({\"name\": \"passport.pdf\", \"contentBase64\": \"...\"}, at most 5 MB)");
        api.MapGet("/alerts/{id:long}/evidence", async Task<Ok<IReadOnlyList<EvidenceFile>>> (long id, MonitoringDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(await desk.Evidence.ListAsync(ChokepointAuthentication.ActorOf(user), id, ct)))
            .RequirePermission(Permission.ReadAlerts);
        api.MapGet("/alerts/{id:long}/evidence/{file:long}", async (long id, long file, MonitoringDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
                EvidenceDownload(await desk.Evidence.ReadAsync(ChokepointAuthentication.ActorOf(user), id, file, ct)))
            .RequirePermission(Permission.ReadAlerts);

        api.MapPost("/good-guys", async Task<Created<GoodGuy>> (GoodGuyRequest body, MonitoringDesk desk, ScreeningService lists, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var entry = Chokepoint.Core.Values.EntityRef.TryParse(body.Entry, out var e) ? e : throw LicensingException.Bad($"entry '{body.Entry}' is not LIST:ID, such as us-ofac-sdn:12345.");
                await using var store = await lists.OpenStoreAsync(ct);
                var added = await desk.GoodGuys.AddAsync(ChokepointAuthentication.ActorOf(user), body.Name ?? "", body.Country, body.Dob, entry, body.Reason ?? "", store, ct);
                return TypedResults.Created($"/api/good-guys/{added.Id}", added);
            })
            .RequirePermission(Permission.ReviewAlerts)
            .WithSummary("Add to the good-guy list: a party (name, country, dob) that is not the listed entry (LIST:ID), while the entry is unchanged");
        api.MapGet("/good-guys", async Task<Ok<IReadOnlyList<GoodGuy>>> (MonitoringDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(await desk.GoodGuys.ListAsync(ChokepointAuthentication.ActorOf(user), ct)))
            .RequirePermission(Permission.ReadAlerts);
        api.MapGet("/good-guys/{id:long}", async Task<Ok<GoodGuy>> (long id, MonitoringDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok((await desk.GoodGuys.ListAsync(ChokepointAuthentication.ActorOf(user), ct)).FirstOrDefault(g => g.Id == id)
                    ?? throw LicensingException.NotFound($"There is no good-guy entry {id} on your organisation's list.")))
            .RequirePermission(Permission.ReadAlerts);
        api.MapPost("/good-guys/{id:long}/remove", async Task<NoContent> (long id, AlertDecisionRequest body, MonitoringDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
            {
                await desk.GoodGuys.RemoveAsync(ChokepointAuthentication.ActorOf(user), id, body.Reason ?? "", ct);
                return TypedResults.NoContent();
            })
            .RequirePermission(Permission.ReviewAlerts);

        api.MapGet("/screenings/{id:long}", async Task<Ok<ScreeningRecord>> (long id, MonitoringDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(await desk.Screenings.GetAsync(ChokepointAuthentication.ActorOf(user), id, ct)))
            .RequirePermission(Permission.ReadAlerts);
        api.MapPost("/screenings/{id:long}/replay", async Task<Ok<Replay>> (long id, MonitoringDesk desk, ScreeningService lists, ClaimsPrincipal user, CancellationToken ct) =>
            {
                await using var store = await lists.OpenStoreAsync(ct);
                return TypedResults.Ok(await desk.Screenings.ReplayAsync(ChokepointAuthentication.ActorOf(user), id, store, ct));
            })
            .RequirePermission(Permission.ReadAlerts)
            .WithSummary("Run a stored screening again on the snapshots and settings it used; says whether the answer is identical");

        api.MapPost("/monitor", async Task<Ok<MonitoringReport>> (bool? full, MonitoringDesk desk, ScreeningService lists, CancellationToken ct) =>
            {
                await using var store = await lists.OpenStoreAsync(ct);
                return TypedResults.Ok(await desk.Run.RunAsync(store, full ?? false, ct, lists.Screener.Index));
            })
            .RequirePermission(Permission.ManageLists)
            .WithSummary("Screen the register against the lists that became active since the last run (?full=true: against all)");
    }

    /// <summary>An evidence file as a download, never shown inline: whatever it holds, the browser does not render it here.</summary>
    internal static IResult EvidenceDownload((EvidenceFile File, byte[] Content) evidence) =>
        Results.File(evidence.Content, "application/octet-stream", evidence.File.Name);

    private static Counterparty[] Parties(CounterpartyBatch body)
    {
        var given = body.Counterparties ?? throw LicensingException.Bad("'counterparties' must hold at least one counterparty.");
        if (given.Length is 0 or > MaxCounterpartiesPerRequest) throw LicensingException.Bad($"A request registers 1 to {MaxCounterpartiesPerRequest:N0} counterparties.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. given.Select((c, i) =>
        {
            if (string.IsNullOrWhiteSpace(c.Ref) || c.Ref.Length > Counterparty.MaxRefChars) throw LicensingException.Bad($"counterparties[{i}].ref is required, at most {Counterparty.MaxRefChars} characters.");
            if (!seen.Add(c.Ref)) throw LicensingException.Bad($"counterparties[{i}].ref '{c.Ref}' is given twice.");
            if (string.IsNullOrWhiteSpace(c.Name) || c.Name.Length > Chokepoint.Matching.Screening.PartyQuery.MaxNameChars) throw LicensingException.Bad($"counterparties[{i}].name is required, at most {Chokepoint.Matching.Screening.PartyQuery.MaxNameChars:N0} characters.");
            EntityKind? kind = c.Kind is null ? null : Chokepoint.Matching.Screening.PartyKinds.TryParse(c.Kind) ?? throw LicensingException.Bad($"counterparties[{i}].kind: {Chokepoint.Matching.Screening.PartyKinds.Unknown(c.Kind)}");
            return new Counterparty(c.Ref.Trim(), c.Name.Trim(), kind, c.Country, c.Dob, c.Id, c.Address);
        })];
    }

    private static AlertState? State(string? text) =>
        text is null ? null : Enum.TryParse<AlertState>(text, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s
        : throw LicensingException.Bad($"state '{text}' is not Open, InReview, AwaitingApproval or Closed.");
}

public sealed record CounterpartyDetail(RegisteredCounterparty Current, IReadOnlyList<CounterpartyVersion> Versions);

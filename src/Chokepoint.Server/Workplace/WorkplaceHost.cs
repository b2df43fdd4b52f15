using System.Security.Claims;
using Chokepoint.Application.Screening;
using Chokepoint.Core.Identity;
using Chokepoint.Matching.Screening;
using Chokepoint.Server.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace Chokepoint.Server.Workplace;

/// <summary>Settings of the web workplace ("Chokepoint:Workplace").</summary>
public sealed class WorkplaceOptions
{
    /// <summary>A list older than this (since publication) shows amber on the dashboard and in the header.</summary>
    public int ListOldAfterDays { get; set; } = 7;

    public void Validate()
    {
        if (ListOldAfterDays is < 1 or > 3650) throw new ArgumentException($"Chokepoint:Workplace:ListOldAfterDays must be 1 to 3,650 days; {ListOldAfterDays} was given.");
    }
}

/// <summary>
/// The web workplace on the API's server and port: pages rendered on the server (static server rendering: every
/// action is a form post with its antiforgery token, authorised at the endpoint like any API call), and the few form
/// endpoints that take files or end a session. docs/decisions/0013 says why server rendering without a circuit.
/// </summary>
public static class WorkplaceHost
{
    public static IServiceCollection AddWorkplace(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Chokepoint:Workplace").Get<WorkplaceOptions>() ?? new WorkplaceOptions();
        options.Validate();
        services.AddSingleton(options);
        services.AddRazorComponents();
        services.AddCascadingAuthenticationState();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "chokepoint.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddSingleton<FirstRun>();
        services.AddSingleton<Uploads>();
        services.AddSingleton<BatchResults>();
        services.AddSingleton<ListDesk>();
        // The update run reports each download's outcome itself; the factory's request logs would repeat it with stack traces.
        services.AddHttpClient("publishers", c => c.DefaultRequestHeaders.UserAgent.ParseAdd("Chokepoint/0.1 (+https://github.com/chokepoint)")).RemoveAllLoggers();
        services.AddHttpClient("webhooks").RemoveAllLoggers();
        return services;
    }

    public static void MapWorkplace(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().WithMetadata(new WorkplaceEndpoint());

        var forms = app.MapGroup("").WithMetadata(new WorkplaceEndpoint()).AddEndpointFilter(ValidateAntiforgeryAsync).ExcludeFromDescription();
        forms.MapPost("/signout", async (HttpContext context, Chokepoint.Licensing.Accounts.AccountService accounts) =>
        {
            if (context.User.Identity?.IsAuthenticated == true)
                await accounts.RecordSessionAsync(ChokepointAuthentication.ActorOf(context.User), signedIn: false, context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);
            await context.SignOutAsync(Schemes.Workplace);
            return Results.Redirect("/signin");
        });
        // An upload larger than the limit is cut off by the server before it is read whole.
        var limit = new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(Uploads.MaxBytes + 64 * 1024);
        forms.MapPost("/workplace/batches", ScreenBatchAsync).RequirePermission(Permission.Screen).DisableAntiforgery().WithMetadata(limit);
        forms.MapPost("/workplace/uploads", async (HttpContext context, Uploads uploads, ClaimsPrincipal user, CancellationToken ct) =>
        {
            try
            {
                var form = await context.Request.ReadFormAsync(ct);
                var upload = await uploads.SaveAsync(ChokepointAuthentication.ActorOf(user).UserId, form.Files.GetFile("file"), ct);
                return Results.Redirect($"/counterparties/import?upload={upload.Id}");
            }
            catch (Exception e) when (e is ArgumentException or InvalidDataException or BadHttpRequestException)
            {
                return Results.Redirect($"/counterparties/import?error={Uri.EscapeDataString(Refused(e))}");
            }
        }).RequirePermission(Permission.ReviewAlerts).DisableAntiforgery().WithMetadata(limit);

        forms.MapPost("/workplace/alerts/{id:long}/evidence", async (long id, HttpContext context, Application.Monitoring.MonitoringDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
        {
            string message;
            try
            {
                var form = await context.Request.ReadFormAsync(ct);
                var file = form.Files.GetFile("file") ?? throw new ArgumentException("Choose a file to attach.");
                if (file.Length > Application.Monitoring.Evidence.MaxBytes) throw new ArgumentException($"'{file.FileName}' is {file.Length:N0} bytes; evidence has at most {Application.Monitoring.Evidence.MaxBytes:N0}.");
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, ct);
                var added = await desk.Evidence.AttachAsync(ChokepointAuthentication.ActorOf(user), id, file.FileName, buffer.ToArray(), ct);
                message = $"done={Uri.EscapeDataString($"{added.Name} attached (SHA-256 {added.Sha256[..12]}…).")}";
            }
            catch (Exception e) when (e is ArgumentException or InvalidDataException or BadHttpRequestException || Api.Problems.Map(e).Status is 400 or 404 or 409)
            {
                message = $"error={Uri.EscapeDataString(e is ArgumentException or Chokepoint.Licensing.LicensingException ? e.Message : Refused(e))}";
            }
            return Results.Redirect($"/alerts/{id}?{message}");
        }).RequirePermission(Permission.ReviewAlerts).DisableAntiforgery().WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(Application.Monitoring.Evidence.MaxBytes + 64 * 1024));
        app.MapGet("/workplace/alerts/{id:long}/evidence/{file:long}", async (long id, long file, Application.Monitoring.MonitoringDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
                Api.MonitoringApi.EvidenceDownload(await desk.Evidence.ReadAsync(ChokepointAuthentication.ActorOf(user), id, file, ct)))
            .RequirePermission(Permission.ReadAlerts).WithMetadata(new WorkplaceEndpoint()).ExcludeFromDescription();

        var downloads = app.MapGroup("/workplace/batches").WithMetadata(new WorkplaceEndpoint()).ExcludeFromDescription();
        downloads.MapGet("/{id}.{format:regex(^(csv|xlsx)$)}", (string id, string format, BatchResults batches, ClaimsPrincipal user) =>
        {
            var run = batches.Get(ChokepointAuthentication.ActorOf(user).UserId, id);
            return Download(format, BatchRows.Columns, run.Lines, $"screened-{id}", "hits");
        }).RequirePermission(Permission.Screen);
        app.MapGet("/workplace/inbox.{format:regex(^(csv|xlsx)$)}", async (string format, string? state, string? list, string? min, string? older, string? assignee,
                Application.Monitoring.MonitoringDesk desk, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var rows = await desk.Inbox.ExportAsync(ChokepointAuthentication.ActorOf(user), Application.Monitoring.InboxFilter.Parse(state, list, min, older, assignee), ct);
                return Download(format, Application.Monitoring.AlertInbox.ExportColumns, rows, "alerts", "alerts");
            })
            .RequirePermission(Permission.ReadAlerts).WithMetadata(new WorkplaceEndpoint()).ExcludeFromDescription();
    }

    /// <summary>A table written whole before it is sent: the writers are synchronous, Kestrel's body is not.</summary>
    private static IResult Download(string format, IReadOnlyList<Application.Exports.SheetColumn> columns, IEnumerable<string?[]> rows, string name, string sheet)
    {
        var buffer = new MemoryStream();
        Application.Exports.TableExport.Write(format, buffer, columns, rows, sheet);
        buffer.Position = 0;
        return Results.File(buffer, Application.Exports.TableExport.ContentType(format), $"{name}.{format}");
    }

    /// <summary>Screens an uploaded CSV, xlsx or JSON-lines file of parties (at most <see cref="Api.ScreeningApi.MaxBatch"/>
    /// rows), records every screening, and shows the answer's page.</summary>
    private static async Task<IResult> ScreenBatchAsync(HttpContext context, Uploads uploads, BatchResults batches, ScreeningService lists,
        Application.Monitoring.MonitoringDesk desk, ClaimsPrincipal user, CancellationToken ct)
    {
        var actor = ChokepointAuthentication.ActorOf(user);
        IFormCollection form;
        Upload upload;
        try
        {
            form = await context.Request.ReadFormAsync(ct);
            upload = await uploads.SaveAsync(actor.UserId, form.Files.GetFile("file"), ct);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or BadHttpRequestException)
        {
            return BatchProblem(Refused(e));
        }
        try
        {
            if (!lists.Ready) throw new ScreeningUnavailableException("No list is loaded, so nobody can be cleared: an administrator must update the lists first.");
            var threshold = Api.ScreeningApi.Threshold(double.TryParse(form["threshold"], System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : null);
            var options = new ScreenOptions { Threshold = threshold, Limit = 10 };
            var rows = new List<PartyRow>();
            foreach (var row in PartyRows.Read(upload.Path))
            {
                if (rows.Count == Api.ScreeningApi.MaxBatch) throw new ArgumentException($"'{upload.FileName}' has more than {Api.ScreeningApi.MaxBatch:N0} parties; a workplace batch holds at most that many (the command line takes any number).");
                rows.Add(row);
            }
            if (rows.Count == 0) throw new ArgumentException($"'{upload.FileName}' has a header but no party.");
            var outcomes = PartyBatch.Screen(lists.Screener, rows.Count, i => rows[i].Query is { } q ? (q, options) : null, ct);
            var ids = await desk.Screenings.RecordAsync(actor, "workplace batch", [.. outcomes.Select(o => (options, o.Result))], ct);
            var run = batches.Add(actor.UserId, upload.FileName, rows, outcomes, ids.Count(i => i is not null));
            return Results.Redirect($"/screen/batch/{run.Id}");
        }
        catch (Exception e) when (e is ArgumentException or Chokepoint.Core.Reading.ListFormatException or IOException or ScreeningUnavailableException)
        {
            return BatchProblem(e.Message.Replace(upload.Path, upload.FileName, StringComparison.Ordinal));
        }
        finally
        {
            uploads.Forget(upload);
        }
    }

    /// <summary>Why an upload was not taken: our own check's words, or the server's limit it ran into.</summary>
    private static string Refused(Exception e) =>
        e is ArgumentException ? e.Message : $"The upload was refused: {e.Message} (at most {Uploads.MaxBytes / 1024 / 1024} MB).";

    private static IResult BatchProblem(string message) => Results.Redirect($"/screen/batch?error={Uri.EscapeDataString(message)}");

    /// <summary>Every workplace form post carries the antiforgery token of the page it came from.</summary>
    private static async ValueTask<object?> ValidateAntiforgeryAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsPost(http.Request.Method))
        {
            try
            {
                await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return Results.Problem("The form's antiforgery token is missing or stale: reload the page and try again.", statusCode: StatusCodes.Status400BadRequest, title: "Form expired");
            }
        }
        return await next(context);
    }
}

using Chokepoint.Storage.Records;
using Chokepoint.Core.Identity;
using Chokepoint.Core.Values;
using System.Globalization;
using System.Security.Cryptography;
using Chokepoint.Licensing.Accounts;
using Chokepoint.Licensing.Storage;
using Chokepoint.Rules.Shipments;

namespace Chokepoint.Licensing.Applications;

/// <summary>The screening and decision evidence attached to an application on submission.</summary>
public interface IApplicationEvidence
{
    /// <summary>Screens the parties and decides the export the application describes; Flagged when the rules raised
    /// anything (a decision other than CLEAR or LICENCE_REQUIRED, or any red flag). Throws when screening is unavailable.</summary>
    (string Json, bool Flagged, string Versions) Evaluate(ApplicationBody body, string exporterName, string exporterCountry, DateOnly day);
}

public sealed record LicensingOptions
{
    /// <summary>Approvals above this total value need a countersignature from a second officer.</summary>
    public decimal CountersignAbove { get; init; } = 1_000_000m;

    /// <summary>Years records are kept; the law requires at least 5 (Decree 792 Art 27, Reg 2021/821 Art 27, EAR Part 762).</summary>
    public int RetentionYears { get; init; } = 5;

    public const long MaxAttachmentBytes = 10 << 20;

    public void Validate()
    {
        if (RetentionYears < 5) throw new ArgumentException("Retention cannot be shorter than 5 years (Decree 792 Art 27; Reg 2021/821 Art 27; EAR Part 762).");
        if (CountersignAbove < 0) throw new ArgumentException("The countersignature threshold cannot be negative.");
    }
}

/// <summary>
/// Applications through their states, authorised by role and organisation, every change audited with before and
/// after. The review clock runs from submission (CN: 45 working days) and stops while information is requested.
/// </summary>
public sealed class ApplicationService(LicensingStore store, IApplicationEvidence evidence, LicensingOptions options)
{
    private const string Columns = "id, organisation_id, state, body, submitted_on, clock_started, clock_limit, paused_days, paused_since, evidence, outcome, messages";
    private static readonly string[] LicenceTypes = ["single", "general", "global", "individual"];

    /// <summary>What submission attached: the engines' decision, whether the rules flagged it, and the data versions used.</summary>
    private sealed record SubmissionEvidence(bool Flagged, string Versions, System.Text.Json.Nodes.JsonNode? Decision);

    internal sealed record Row(long Id, long OrganisationId, ApplicationState State, ApplicationBody Body, string? SubmittedOn, string? ClockStarted,
        int ClockLimit, int PausedDays, string? PausedSince, string? Evidence, Outcome? Outcome, List<string> Messages);

    public async Task<ApplicationView> CreateAsync(Actor actor, ApplicationBody body, CancellationToken ct)
    {
        Guard.Role(actor, Roles.Applicant);
        Validate(body);
        await using var u = await store.BeginAsync(ct);
        var id = await u.InsertAsync("INSERT INTO applications (organisation_id, state, body) VALUES (@o, @s, @b)", ct,
            ("o", actor.OrganisationId), ("s", nameof(ApplicationState.Draft)), ("b", new JsonText(Json.Write(body))));
        await u.AuditAsync(actor, "application.created", "application", Id(id), null, Json.Write(body), null, null, ct);
        var view = await ViewAsync(u, await LoadAsync(u, id, ct), ct);
        await u.CommitAsync(ct);
        return view;
    }

    public Task<ApplicationView> UpdateAsync(Actor actor, long id, ApplicationBody body, CancellationToken ct)
    {
        Validate(body);
        return ChangeAsync(actor, id, "application.updated", [Roles.Applicant], [ApplicationState.Draft, ApplicationState.Returned], null, ct,
            (u, row) => Task.FromResult(row with { Body = body }));
    }

    public async Task<AttachmentView> AttachAsync(Actor actor, long id, string name, byte[] content, CancellationToken ct)
    {
        Guard.Role(actor, Roles.Applicant);
        name = Guard.Text(name, "name", 200);
        if (content.Length == 0 || content.Length > LicensingOptions.MaxAttachmentBytes)
            throw LicensingException.Bad($"An attachment has 1 to {LicensingOptions.MaxAttachmentBytes:N0} bytes; this one has {content.Length:N0}.");
        await using var u = await store.BeginAsync(ct);
        var row = await LoadAsync(u, id, ct, forUpdate: true);
        Guard.Sees(actor, row.OrganisationId, $"Application {id}");
        if (row.State is not (ApplicationState.Draft or ApplicationState.Returned or ApplicationState.InformationRequested))
            throw LicensingException.Conflict($"Application {id} is {row.State}: attachments can be added in Draft, Returned or InformationRequested.");
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        var attachment = await u.InsertAsync("INSERT INTO attachments (application_id, name, sha256, size, content) VALUES (@a, @n, @s, @z, @c)", ct,
            ("a", id), ("n", name), ("s", sha), ("z", (long)content.Length), ("c", content));
        var view = new AttachmentView(attachment, name, sha, content.Length);
        await u.AuditAsync(actor, "application.attachment", "application", Id(id), null, Json.Write(view), null, null, ct);
        await u.CommitAsync(ct);
        return view;
    }

    public Task<ApplicationView> SubmitAsync(Actor actor, long id, CancellationToken ct) =>
        ChangeAsync(actor, id, "application.submitted", [Roles.Applicant], [ApplicationState.Draft, ApplicationState.Returned], null, ct, async (u, row) =>
        {
            var names = (await AttachmentsAsync(u, id, ct)).Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
            if (row.Body.Jurisdiction == "CN")
                foreach (var (field, name) in new[] { ("endUserCertificate", row.Body.EndUserCertificate), ("endUseCertificate", row.Body.EndUseCertificate) })
                    if (name is null || !names.Contains(name))
                        throw LicensingException.Bad($"A CN application needs its {field} attached (Decree 792 Art 16): attach it and name it in {field}.");
            var (org, country) = await OrganisationAsync(u, row.OrganisationId, ct);
            var (json, flagged, versions) = evidence.Evaluate(row.Body, org, country, u.Today);
            var today = Day(u.Today);
            return row with
            {
                State = ApplicationState.Submitted, SubmittedOn = today, Evidence = Json.Write(new SubmissionEvidence(flagged, versions, System.Text.Json.Nodes.JsonNode.Parse(json))),
                ClockStarted = row.ClockStarted ?? today, ClockLimit = row.Body.Jurisdiction == "CN" ? 45 : 0,
            };
        });

    public Task<ApplicationView> StartReviewAsync(Actor actor, long id, CancellationToken ct) =>
        Decide(actor, id, "application.review-started", [ApplicationState.Submitted], null, ct, row => row with { State = ApplicationState.UnderReview });

    public Task<ApplicationView> RequestInformationAsync(Actor actor, long id, string message, CancellationToken ct) =>
        Decide(actor, id, "application.information-requested", [ApplicationState.UnderReview], Guard.Text(message, "message"), ct, row => row with
        {
            State = ApplicationState.InformationRequested, PausedSince = Day(store.Clock), Messages = [.. row.Messages, $"officer: {message}"],
        });

    public Task<ApplicationView> RespondAsync(Actor actor, long id, string message, CancellationToken ct) =>
        ChangeAsync(actor, id, "application.information-provided", [Roles.Applicant], [ApplicationState.InformationRequested], Guard.Text(message, "message"), ct,
            (u, row) => Task.FromResult(row with
            {
                State = ApplicationState.UnderReview,
                PausedDays = row.PausedDays + WorkingDays.Between(Parse(row.PausedSince!), u.Today),
                PausedSince = null,
                Messages = [.. row.Messages, $"applicant: {message}"],
            }));

    public Task<ApplicationView> ApproveAsync(Actor actor, long id, string? conditions, CancellationToken ct) =>
        Decide(actor, id, "application.approved", [ApplicationState.UnderReview], null, ct, row =>
        {
            var total = row.Body.Items.Sum(i => i.Value);
            var flagged = row.Evidence is { } e && Json.Read<SubmissionEvidence>(e).Flagged;
            var required = total > options.CountersignAbove || flagged;
            return row with { State = ApplicationState.Approved, Outcome = new Outcome("Approved", actor.Username, Guard.Text(conditions, "conditions", required: false), null, required, null) };
        });

    public Task<ApplicationView> CountersignAsync(Actor actor, long id, CancellationToken ct) =>
        Decide(actor, id, "application.countersigned", [ApplicationState.Approved], null, ct, row =>
        {
            var outcome = row.Outcome!;
            if (!outcome.CountersignRequired) throw LicensingException.Conflict($"Application {id} needs no countersignature.");
            if (outcome.CountersignedBy is not null) throw LicensingException.Conflict($"Application {id} is already countersigned by {outcome.CountersignedBy}.");
            if (outcome.DecidedBy == actor.Username) throw LicensingException.Forbidden("A countersignature must come from a second officer, not the one who decided.");
            return row with { Outcome = outcome with { CountersignedBy = actor.Username } };
        });

    /// <summary>Changing an approval's conditions voids any countersignature: the second officer signed something else.</summary>
    public Task<ApplicationView> EditOutcomeAsync(Actor actor, long id, string conditions, string reason, CancellationToken ct) =>
        Decide(actor, id, "application.outcome-edited", [ApplicationState.Approved], Guard.Text(reason, "reason"), ct, row =>
            row with { Outcome = row.Outcome! with { Conditions = Guard.Text(conditions, "conditions"), DecidedBy = actor.Username, CountersignedBy = null } });

    public Task<ApplicationView> RefuseAsync(Actor actor, long id, string reason, CancellationToken ct) =>
        Decide(actor, id, "application.refused", [ApplicationState.UnderReview], Guard.Text(reason, "reason"), ct, row =>
            row with { State = ApplicationState.Refused, Outcome = new Outcome("Refused", actor.Username, null, reason, false, null) });

    public Task<ApplicationView> ReturnAsync(Actor actor, long id, string reason, CancellationToken ct) =>
        Decide(actor, id, "application.returned", [ApplicationState.Submitted, ApplicationState.UnderReview], Guard.Text(reason, "reason"), ct, row =>
            row with { State = ApplicationState.Returned, Messages = [.. row.Messages, $"returned: {reason}"] });

    public Task<ApplicationView> WithdrawAsync(Actor actor, long id, string? reason, CancellationToken ct) =>
        ChangeAsync(actor, id, "application.withdrawn", [Roles.Applicant],
            [ApplicationState.Draft, ApplicationState.Submitted, ApplicationState.UnderReview, ApplicationState.InformationRequested, ApplicationState.Returned],
            Guard.Text(reason, "reason", required: false), ct, (u, row) => Task.FromResult(row with { State = ApplicationState.Withdrawn }));

    public async Task<ApplicationView> GetAsync(Actor actor, long id, CancellationToken ct)
    {
        await using var u = await store.BeginAsync(ct);
        var row = await LoadAsync(u, id, ct);
        Guard.Sees(actor, row.OrganisationId, $"Application {id}");
        return await ViewAsync(u, row, ct);
    }

    public async Task<IReadOnlyList<ApplicationView>> ListAsync(Actor actor, CancellationToken ct)
    {
        await using var u = await store.BeginAsync(ct);
        var sql = $"SELECT {Columns} FROM applications" + (Roles.ActsForExporter(actor.Role) ? " WHERE organisation_id = @o" : "") + " ORDER BY id";
        var rows = new List<Row>();
        await using (var cmd = u.Command(sql, ("o", actor.OrganisationId)))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) rows.Add(Read(r));
        var views = new List<ApplicationView>();
        foreach (var row in rows) views.Add(await ViewAsync(u, row, ct));
        return views;
    }

    /// <summary>An officer's step: officer role, not their own organisation's application.</summary>
    private Task<ApplicationView> Decide(Actor actor, long id, string action, ApplicationState[] from, string? reason, CancellationToken ct, Func<Row, Row> change) =>
        ChangeAsync(actor, id, action, [Roles.LicensingOfficer], from, reason, ct, (u, row) =>
        {
            Guard.NotOwn(actor, row.OrganisationId, $"application {id}");
            return Task.FromResult(change(row));
        });

    /// <summary>Loads the application under lock, checks role, organisation and state, applies the change, saves and audits it.</summary>
    private async Task<ApplicationView> ChangeAsync(Actor actor, long id, string action, string[] roles, ApplicationState[] from, string? reason,
        CancellationToken ct, Func<UnitOfWork, Row, Task<Row>> change)
    {
        Guard.Role(actor, roles);
        await using var u = await store.BeginAsync(ct);
        var row = await LoadAsync(u, id, ct, forUpdate: true);
        Guard.Sees(actor, row.OrganisationId, $"Application {id}");
        if (!from.Contains(row.State))
            throw LicensingException.Conflict($"Application {id} is {row.State}; {action.Split('.')[1]} needs it to be {string.Join(" or ", from)}.");
        var after = await change(u, row);
        await u.ExecuteAsync("UPDATE applications SET state = @s, body = @b, submitted_on = @so, clock_started = @cs, clock_limit = @cl, paused_days = @pd, " +
            "paused_since = @ps, evidence = @e, outcome = @o, messages = @m WHERE id = @id", ct,
            ("s", after.State.ToString()), ("b", new JsonText(Json.Write(after.Body))), ("so", Column.NullableDay(after.SubmittedOn)),
            ("cs", Column.NullableDay(after.ClockStarted)), ("cl", after.ClockLimit), ("pd", after.PausedDays), ("ps", Column.NullableDay(after.PausedSince)),
            ("e", new JsonText(after.Evidence)), ("o", new JsonText(after.Outcome is null ? null : Json.Write(after.Outcome))),
            ("m", new JsonText(Json.Write(after.Messages))), ("id", id));
        var versions = after.Evidence is { } ev ? Json.Read<SubmissionEvidence>(ev).Versions : null;
        await u.AuditAsync(actor, action, "application", Id(id), Json.Write(Summary(row)), Json.Write(Summary(after)), reason, versions, ct);
        var view = await ViewAsync(u, after, ct);
        await u.CommitAsync(ct);
        return view;
    }

    private static object Summary(Row r) => new { state = r.State, body = r.Body, outcome = r.Outcome, r.PausedDays, r.PausedSince };

    internal static async Task<Row> LoadAsync(UnitOfWork u, long id, CancellationToken ct, bool forUpdate = false)
    {
        await using var cmd = u.Command($"SELECT {Columns} FROM applications WHERE id = @id" + (forUpdate ? u.ForUpdate : ""), ("id", id));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? Read(r) : throw LicensingException.NotFound($"Application {id} does not exist.");
    }

    private static Row Read(System.Data.Common.DbDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), Enum.Parse<ApplicationState>(r.GetString(2)), Json.Read<ApplicationBody>(r.GetString(3)),
        Column.IsoDay(r, 4), Column.IsoDay(r, 5), r.GetInt32(6), r.GetInt32(7), Column.IsoDay(r, 8), LicensingStore.Opt(r, 9),
        LicensingStore.Opt(r, 10) is { } o ? Json.Read<Outcome>(o) : null, Json.Read<List<string>>(r.GetString(11)));

    private async Task<ApplicationView> ViewAsync(UnitOfWork u, Row row, CancellationToken ct)
    {
        ReviewClock? clock = null;
        if (row.ClockStarted is { } started && row.ClockLimit > 0)
        {
            var paused = row.PausedDays + (row.PausedSince is { } since ? WorkingDays.Between(Parse(since), u.Today) : 0);
            clock = new ReviewClock(started, row.ClockLimit, paused, row.PausedSince, Day(WorkingDays.Add(Parse(started), row.ClockLimit + paused)), row.PausedSince is not null);
        }
        // The evidence is a document of its own (flag, rule versions, the engine's decision), answered as one.
        return new ApplicationView(row.Id, row.OrganisationId, row.State, row.Body, row.SubmittedOn, clock,
            row.Evidence is null ? null : System.Text.Json.Nodes.JsonNode.Parse(row.Evidence), row.Outcome,
            await AttachmentsAsync(u, row.Id, ct), row.Messages);
    }

    private static async Task<List<AttachmentView>> AttachmentsAsync(UnitOfWork u, long id, CancellationToken ct)
    {
        await using var cmd = u.Command("SELECT id, name, sha256, size FROM attachments WHERE application_id = @a ORDER BY id", ("a", id));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<AttachmentView>();
        while (await r.ReadAsync(ct)) list.Add(new AttachmentView(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt64(3)));
        return list;
    }

    internal static async Task<(string Name, string Country)> OrganisationAsync(UnitOfWork u, long id, CancellationToken ct)
    {
        await using var cmd = u.Command("SELECT name, country FROM organisations WHERE id = @id", ("id", id));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? (r.GetString(0), r.GetString(1)) : throw LicensingException.NotFound($"Organisation {id} does not exist.");
    }

    private static bool IsCountry(string? code) => CountryCode.TryParse(code, out var c) && c.Value == code;

    private static void Validate(ApplicationBody b)
    {
        if (!Jurisdiction.TryParse(b.Jurisdiction, out var j) || j.Code != b.Jurisdiction) throw LicensingException.Bad("jurisdiction must be CN, EU or US.");
        if (!LicenceTypes.Contains(b.LicenceType)) throw LicensingException.Bad($"licenceType must be one of {string.Join(", ", LicenceTypes)}.");
        if (b.Items.Count is 0 or > 200) throw LicensingException.Bad("An application lists 1 to 200 items.");
        foreach (var (item, i) in b.Items.Select((x, i) => (x, i)))
        {
            Guard.Text(item.Description, $"items[{i}].description");
            if (!HsCode.TryParse(item.HsCode, out var hs) || hs.Subheading is null) throw LicensingException.Bad($"items[{i}].hsCode is not an HS code of 6, 8 or 10 digits.");
            if (item.Quantity <= 0 || item.Value < 0) throw LicensingException.Bad($"items[{i}]: quantity must be positive and value not negative.");
            Guard.Text(item.Unit, $"items[{i}].unit", 20);
            Guard.Text(item.Currency, $"items[{i}].currency", 3);
            if (item.ControlCode is not null && !ControlCode.TryParse(item.ControlCode, out _)) throw LicensingException.Bad($"items[{i}].controlCode is not a control code such as 3A001.a.1, X.A.I.001.a or EAR99.");
        }
        if (!IsCountry(b.Destination)) throw LicensingException.Bad("destination must be an ISO 3166-1 alpha-2 code such as KZ (upper case).");
        if (b.EndUser is null) throw LicensingException.Bad("endUser is required (Decree 792 Art 16).");
        Guard.Text(b.EndUser.Name, "endUser.name", 300);
        if (!IsCountry(b.EndUser.Country)) throw LicensingException.Bad("endUser.country must be an ISO 3166-1 alpha-2 code such as KZ (upper case).");
        Guard.Text(b.EndUse, "endUse");
        Guard.Text(b.TechnicalSpecification, "technicalSpecification", 20_000, required: false);
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string Day(TimeProvider clock) => Day(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
    internal static DateOnly Parse(string d) => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

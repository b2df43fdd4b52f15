using Chokepoint.Storage.Records;
using Chokepoint.Core.Identity;
using System.Data.Common;
using System.Globalization;
using Chokepoint.Licensing.Accounts;
using Chokepoint.Licensing.Applications;
using Chokepoint.Licensing.Storage;

namespace Chokepoint.Licensing.Licences;

/// <summary>
/// Licences: issued from an approved application, drawn down by export declarations, suspended, reinstated, revoked,
/// surrendered, expired, amended. A drawdown locks its licence row for the whole transaction, so parallel drawdowns
/// queue and can never overdraw a line; it is idempotent on the declaration reference. Every change is audited.
/// </summary>
public sealed class LicenceService(LicensingStore store)
{
    private const string LicenceColumns = "id, number, application_id, organisation_id, jurisdiction, type, state, valid_from, valid_to, end_user, destination, end_use";

    /// <summary>Longest validity per jurisdiction and type, in months (Decree 792 Art 15; Reg 2021/821 Art 12(6); EAR 750.7).</summary>
    private static int MaxMonths(string jurisdiction, string type) => (jurisdiction, type) switch
    {
        ("CN", "single") => 12,
        ("CN", "general") => 36,
        ("EU", _) => 24,
        ("US", _) => 48,
        _ => 12,
    };

    public async Task<LicenceDetails> IssueAsync(Actor actor, long applicationId, IssueRequest request, CancellationToken ct)
    {
        Guard.Role(actor, Roles.LicensingOfficer);
        await using var u = await store.BeginAsync(ct);
        var app = await ApplicationService.LoadAsync(u, applicationId, ct, forUpdate: true);
        Guard.NotOwn(actor, app.OrganisationId, $"application {applicationId}");
        if (app.State != ApplicationState.Approved) throw LicensingException.Conflict($"Application {applicationId} is {app.State}; a licence is issued only for an approved application.");
        if (app.Outcome is { CountersignRequired: true, CountersignedBy: null }) throw LicensingException.Conflict($"Application {applicationId} needs a countersignature before a licence is issued.");
        if (await u.ScalarAsync("SELECT id FROM licences WHERE application_id = @a", ct, ("a", applicationId)) is not null)
            throw LicensingException.Conflict($"A licence was already issued for application {applicationId}.");
        if (request.Type != app.Body.LicenceType) throw LicensingException.Bad($"The application asked for a {app.Body.LicenceType} licence, not {request.Type}.");
        if (request.ValidTo <= request.ValidFrom) throw LicensingException.Bad("validTo must be after validFrom.");
        if (request.ValidTo > request.ValidFrom.AddMonths(MaxMonths(app.Body.Jurisdiction, request.Type)))
            throw LicensingException.Bad($"A {app.Body.Jurisdiction} {request.Type} licence is valid for at most {MaxMonths(app.Body.Jurisdiction, request.Type)} months.");
        var lines = request.Lines ?? app.Body.Items.Select(i => new LineRequest(i.Description, i.ControlCode, i.HsCode, i.Quantity, i.Unit, i.Value, i.Currency)).ToList();
        if (lines.Count == 0) throw LicensingException.Bad("A licence needs at least one line.");
        var number = Guard.Text(request.Number, "number", 60, required: false) is { Length: > 0 } n ? n
            : $"{app.Body.Jurisdiction}-{request.ValidFrom.Year}-{applicationId.ToString("000000", CultureInfo.InvariantCulture)}";
        if (await u.ScalarAsync("SELECT id FROM licences WHERE number = @n", ct, ("n", number)) is not null) throw LicensingException.Conflict($"Licence number {number} is taken.");
        var id = await u.InsertAsync("INSERT INTO licences (number, application_id, organisation_id, jurisdiction, type, state, valid_from, valid_to, end_user, destination, end_use) " +
            "VALUES (@n, @a, @o, @j, @t, @s, @f, @to, @eu, @d, @use)", ct,
            ("n", number), ("a", applicationId), ("o", app.OrganisationId), ("j", app.Body.Jurisdiction), ("t", request.Type), ("s", nameof(LicenceState.Issued)),
            ("f", request.ValidFrom), ("to", request.ValidTo), ("eu", app.Body.EndUser!.Name), ("d", app.Body.Destination), ("use", app.Body.EndUse));
        for (var i = 0; i < lines.Count; i++)
        {
            var l = lines[i];
            if (l.Quantity is <= 0 || l.Value is < 0 || l.Tolerance is < 0 or > 0.5m) throw LicensingException.Bad($"lines[{i}]: quantity must be positive, value not negative, tolerance 0 to 0.5.");
            if ((l.ControlMode is ControlMode.Quantity or ControlMode.Both && l.Quantity is null) || (l.ControlMode is ControlMode.Value or ControlMode.Both && l.Value is null))
                throw LicensingException.Bad($"lines[{i}] is controlled by {l.ControlMode} but lacks the amount to control.");
            await u.ExecuteAsync("INSERT INTO licence_lines (licence_id, line, description, control_code, hs_code, quantity, quantity_used, unit, value, value_used, currency, control_mode, tolerance) " +
                "VALUES (@l, @n, @d, @c, @h, @q, @zero, @u, @v, @zero, @cur, @m, @t)", ct,
                ("l", id), ("n", i + 1), ("d", Guard.Text(l.Description, $"lines[{i}].description", 500)), ("c", l.ControlCode), ("h", l.HsCode), ("q", l.Quantity),
                ("zero", 0m), ("u", l.Unit), ("v", l.Value), ("cur", l.Currency), ("m", l.ControlMode.ToString()), ("t", l.Tolerance));
        }
        var details = await LoadAsync(u, number, ct);
        await u.AuditAsync(actor, "licence.issued", "licence", number, null, Json.Write(details), null, null, ct);
        await u.CommitAsync(ct);
        return details;
    }

    public async Task<LicenceDetails> GetAsync(Actor actor, string number, CancellationToken ct)
    {
        await using var u = await store.BeginAsync(ct);
        var l = await LoadAsync(u, number, ct);
        Guard.Sees(actor, l.OrganisationId, $"Licence {number}");
        return l;
    }

    public Task<LicenceDetails> SuspendAsync(Actor actor, string number, string reason, CancellationToken ct) =>
        Transition(actor, number, "licence.suspended", [Roles.LicensingOfficer], [LicenceState.Issued, LicenceState.Active], LicenceState.Suspended, reason, ct);

    public Task<LicenceDetails> ReinstateAsync(Actor actor, string number, string reason, CancellationToken ct) =>
        Transition(actor, number, "licence.reinstated", [Roles.LicensingOfficer], [LicenceState.Suspended], LicenceState.Active, reason, ct);

    public Task<LicenceDetails> RevokeAsync(Actor actor, string number, string reason, CancellationToken ct) =>
        Transition(actor, number, "licence.revoked", [Roles.LicensingOfficer], [LicenceState.Issued, LicenceState.Active, LicenceState.Suspended], LicenceState.Revoked, reason, ct);

    public Task<LicenceDetails> SurrenderAsync(Actor actor, string number, string reason, CancellationToken ct) =>
        Transition(actor, number, "licence.surrendered", [Roles.Applicant, Roles.ComplianceOfficer], [LicenceState.Issued, LicenceState.Active, LicenceState.Suspended], LicenceState.Surrendered, reason, ct);

    /// <summary>Marks every usable licence whose validity ended before <paramref name="asOf"/> Expired; returns their numbers.</summary>
    public async Task<IReadOnlyList<string>> ExpireDueAsync(Actor actor, DateOnly asOf, CancellationToken ct)
    {
        Guard.Role(actor, Roles.LicensingOfficer, Roles.Administrator);
        await using var u = await store.BeginAsync(ct);
        var due = new List<string>();
        await using (var cmd = u.Command("SELECT number FROM licences WHERE valid_to < @d AND state IN ('Issued', 'Active', 'Suspended') ORDER BY number", ("d", asOf)))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) due.Add(r.GetString(0));
        foreach (var number in due)
        {
            await u.ExecuteAsync("UPDATE licences SET state = 'Expired' WHERE number = @n", ct, ("n", number));
            await u.AuditAsync(actor, "licence.expired", "licence", number, null, Json.Write(new { state = LicenceState.Expired }), $"validity ended before {Day(asOf)}", null, ct);
        }
        await u.CommitAsync(ct);
        return due;
    }

    /// <summary>Changes that alter what was licensed need a new application, the licence returned and exports halted (CN Art 18).</summary>
    public async Task<LicenceDetails> AmendAsync(Actor actor, string number, AmendRequest change, CancellationToken ct)
    {
        Guard.Role(actor, Roles.LicensingOfficer);
        var reason = Guard.Text(change.Reason, "reason");
        if (change.Field is "endUser" or "destination" or "item" or "endUse")
            throw LicensingException.Conflict($"A change of {change.Field} needs a new application, the return of licence {number} and a halt to exports (Decree 792 Art 18).");
        if (change.Field != "validTo") throw LicensingException.Bad($"'{change.Field}' cannot be amended; amendable: validTo. endUser, destination, item and endUse need a new application.");
        await using var u = await store.BeginAsync(ct);
        var before = await LoadAsync(u, number, ct, forUpdate: true);
        Guard.NotOwn(actor, before.OrganisationId, $"licence {number}");
        if (!DateOnly.TryParseExact(change.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to) || to <= before.ValidFrom
            || to > before.ValidFrom.AddMonths(MaxMonths(before.Jurisdiction, before.Type)))
            throw LicensingException.Bad($"validTo must be a yyyy-MM-dd date after {Day(before.ValidFrom)} within the longest validity of a {before.Jurisdiction} {before.Type} licence.");
        await u.ExecuteAsync("UPDATE licences SET valid_to = @t WHERE id = @id", ct, ("t", to), ("id", before.Id));
        var after = await LoadAsync(u, number, ct);
        await u.AuditAsync(actor, "licence.amended", "licence", number, Json.Write(before), Json.Write(after), reason, null, ct);
        await u.CommitAsync(ct);
        return after;
    }

    /// <summary>Draws down one export declaration. Replaying a declaration reference returns the first result and changes nothing.</summary>
    public async Task<UsageResult> UseAsync(Actor actor, string number, UsageRequest request, CancellationToken ct)
    {
        Guard.Role(actor, Roles.Applicant, Roles.ComplianceOfficer, Roles.LicensingOfficer);
        await using var u = await store.BeginAsync(ct);
        var result = await DrawAsync(u, actor, number, request, batchId: null, ct);
        await u.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// Usage reported by customs in a batch: a batch id already received is ignored whole; each row is drawn in its own
    /// transaction, so a bad row is rejected with its reason and the good ones stand.
    /// </summary>
    public async Task<BatchResult> UseBatchAsync(Actor actor, BatchRequest batch, CancellationToken ct)
    {
        Guard.Role(actor, Roles.LicensingOfficer);
        var batchId = Guard.Text(batch.BatchId, "batchId", 100);
        if (batch.Rows.Count is 0 or > 10_000) throw LicensingException.Bad("A batch has 1 to 10,000 rows.");
        await using (var check = await store.BeginAsync(ct))
            if (await check.ScalarAsync("SELECT result FROM usage_batches WHERE batch_id = @b", ct, ("b", batchId)) is string earlier)
                return Json.Read<BatchResult>(earlier) with { Repeated = true };
        var results = new List<BatchRowResult>();
        for (var i = 0; i < batch.Rows.Count; i++)
        {
            var row = batch.Rows[i];
            try
            {
                await using var u = await store.BeginAsync(ct);
                await DrawAsync(u, actor, row.Licence, new UsageRequest(row.DeclarationRef, row.Date, [new UsageLine(row.Line, row.Quantity, row.Value)]), batchId, ct);
                await u.CommitAsync(ct);
                results.Add(new BatchRowResult(i + 1, true, null));
            }
            catch (LicensingException e)
            {
                results.Add(new BatchRowResult(i + 1, false, e.Message));
            }
        }
        var result = new BatchResult(batchId, false, results);
        await using (var u = await store.BeginAsync(ct))
        {
            await u.ExecuteAsync("INSERT INTO usage_batches (batch_id, received_at, result) VALUES (@b, @at, @r)", ct,
                ("b", batchId), ("at", u.Now.ToString("O", CultureInfo.InvariantCulture)), ("r", new JsonText(Json.Write(result))));
            await u.AuditAsync(actor, "usage.batch", "batch", batchId, null, Json.Write(new { accepted = results.Count(r => r.Accepted), rejected = results.Count(r => !r.Accepted) }), null, null, ct);
            await u.CommitAsync(ct);
        }
        return result;
    }

    /// <summary>Reverses an earlier usage (a cancelled or corrected declaration), with its own audit event.</summary>
    public async Task<LicenceDetails> ReverseAsync(Actor actor, string number, string declarationRef, string reason, CancellationToken ct)
    {
        Guard.Role(actor, Roles.LicensingOfficer);
        reason = Guard.Text(reason, "reason");
        await using var u = await store.BeginAsync(ct);
        var before = await LoadAsync(u, number, ct, forUpdate: true);
        var used = new List<(long Id, int Line, decimal Quantity, decimal Value)>();
        await using (var cmd = u.Command("SELECT id, line, quantity, value FROM usages WHERE licence_id = @l AND declaration_ref = @d AND reversed = FALSE", ("l", before.Id), ("d", declarationRef)))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) used.Add((r.GetInt64(0), r.GetInt32(1), r.GetDecimal(2), r.GetDecimal(3)));
        if (used.Count == 0) throw LicensingException.NotFound($"No standing usage of licence {number} under declaration {declarationRef}.");
        foreach (var (id, line, q, v) in used)
        {
            var l = before.Lines.Single(x => x.Line == line);
            await u.ExecuteAsync("UPDATE licence_lines SET quantity_used = @q, value_used = @v WHERE licence_id = @l AND line = @n", ct,
                ("q", l.QuantityUsed - q), ("v", l.ValueUsed - v), ("l", before.Id), ("n", line));
            await u.ExecuteAsync("UPDATE usages SET reversed = TRUE WHERE id = @id", ct, ("id", id));
        }
        if (before.State == LicenceState.Exhausted && before.Type != "single") await SetStateAsync(u, before.Id, LicenceState.Active, ct);
        var after = await LoadAsync(u, number, ct);
        // The state goes with the lines: audit verify replays both into what the licence row must say.
        await u.AuditAsync(actor, "usage.reversed", "licence", number, Json.Write(before.Lines), Json.Write(new { state = after.State, lines = after.Lines }), $"declaration {declarationRef}: {reason}", null, ct);
        await u.CommitAsync(ct);
        return after;
    }

    private async Task<UsageResult> DrawAsync(UnitOfWork u, Actor actor, string number, UsageRequest request, string? batchId, CancellationToken ct)
    {
        var declaration = Guard.Text(request.DeclarationRef, "declarationRef", 100);
        if (request.Lines.Count == 0) throw LicensingException.Bad("A usage names at least one line.");
        var licence = await LoadAsync(u, number, ct, forUpdate: true); // the lock that serialises drawdowns on this licence
        Guard.Sees(actor, licence.OrganisationId, $"Licence {number}");
        if (await u.ScalarAsync("SELECT COUNT(*) FROM usages WHERE licence_id = @l AND declaration_ref = @d", ct, ("l", licence.Id), ("d", declaration)) is { } seen
            && Convert.ToInt64(seen, CultureInfo.InvariantCulture) > 0)
            return new UsageResult(number, declaration, true, licence.State, licence.Lines);
        var why = licence.State switch
        {
            LicenceState.Suspended => $"Licence {number} is suspended: no export may be made under it until it is reinstated.",
            LicenceState.Expired => $"Licence {number} expired on {Day(licence.ValidTo)}.",
            LicenceState.Revoked or LicenceState.Surrendered => $"Licence {number} was {licence.State.ToString().ToLowerInvariant()}.",
            LicenceState.Exhausted => $"Licence {number} is exhausted{(licence.Type == "single" ? ": a single licence lapses once used" : "")}.",
            _ when !licence.Validity.Contains(request.Date) => $"Licence {number} is valid {Day(licence.ValidFrom)} to {Day(licence.ValidTo)}, not on {Day(request.Date)}.",
            _ => null,
        };
        if (why is not null) throw LicensingException.Conflict(why);
        foreach (var use in request.Lines)
        {
            if (use.Quantity < 0 || use.Value < 0 || (use.Quantity == 0 && use.Value == 0)) throw LicensingException.Bad($"Line {use.Line}: quantity and value cannot be negative, nor both zero.");
            var line = licence.Lines.FirstOrDefault(l => l.Line == use.Line) ?? throw LicensingException.Bad($"Licence {number} has no line {use.Line}.");
            var qtyLimit = line.Quantity * (1 + line.Tolerance);
            var valueLimit = line.Value * (1 + line.Tolerance);
            if (line.ControlMode is ControlMode.Quantity or ControlMode.Both && line.QuantityUsed + use.Quantity > qtyLimit)
                throw LicensingException.Conflict($"Line {use.Line}: {Amount(use.Quantity)} {line.Unit} would overdraw the {Amount(qtyLimit!.Value - line.QuantityUsed)} {line.Unit} left.");
            if (line.ControlMode is ControlMode.Value or ControlMode.Both && line.ValueUsed + use.Value > valueLimit)
                throw LicensingException.Conflict($"Line {use.Line}: {Amount(use.Value)} {line.Currency} would overdraw the {Amount(valueLimit!.Value - line.ValueUsed)} {line.Currency} of value left.");
        }
        foreach (var use in request.Lines)
        {
            var line = licence.Lines.Single(l => l.Line == use.Line);
            await u.ExecuteAsync("UPDATE licence_lines SET quantity_used = @q, value_used = @v WHERE licence_id = @l AND line = @n", ct,
                ("q", line.QuantityUsed + use.Quantity), ("v", line.ValueUsed + use.Value), ("l", licence.Id), ("n", use.Line));
            await u.ExecuteAsync("INSERT INTO usages (licence_id, line, declaration_ref, used_on, quantity, value, batch_id) VALUES (@l, @n, @d, @on, @q, @v, @b)", ct,
                ("l", licence.Id), ("n", use.Line), ("d", declaration), ("on", request.Date), ("q", use.Quantity), ("v", use.Value), ("b", batchId));
        }
        var drawn = await LoadAsync(u, number, ct);
        var state = licence.Type == "single" || drawn.Lines.All(Exhausted) ? LicenceState.Exhausted : LicenceState.Active;
        if (state != licence.State) await SetStateAsync(u, licence.Id, state, ct);
        await u.AuditAsync(actor, "usage.recorded", "licence", number, Json.Write(licence.Lines), Json.Write(new { state, lines = drawn.Lines }),
            $"declaration {declaration}{(batchId is null ? "" : $" (batch {batchId})")}", null, ct);
        return new UsageResult(number, declaration, false, state, drawn.Lines);
    }

    /// <summary>A line is exhausted when a controlled balance reaches zero; an open line never is.</summary>
    private static bool Exhausted(LineView l) => l.ControlMode switch
    {
        ControlMode.Quantity => l.QuantityUsed >= l.Quantity,
        ControlMode.Value => l.ValueUsed >= l.Value,
        ControlMode.Both => l.QuantityUsed >= l.Quantity || l.ValueUsed >= l.Value,
        _ => false,
    };

    private async Task<LicenceDetails> Transition(Actor actor, string number, string action, string[] roles, LicenceState[] from, LicenceState to, string reason, CancellationToken ct)
    {
        Guard.Role(actor, roles);
        reason = Guard.Text(reason, "reason");
        await using var u = await store.BeginAsync(ct);
        var before = await LoadAsync(u, number, ct, forUpdate: true);
        Guard.Sees(actor, before.OrganisationId, $"Licence {number}");
        if (actor.Role == Roles.LicensingOfficer) Guard.NotOwn(actor, before.OrganisationId, $"licence {number}");
        if (!from.Contains(before.State)) throw LicensingException.Conflict($"Licence {number} is {before.State}; {action.Split('.')[1]} needs it to be {string.Join(" or ", from)}.");
        await SetStateAsync(u, before.Id, to, ct);
        var after = before with { State = to };
        await u.AuditAsync(actor, action, "licence", number, Json.Write(new { state = before.State }), Json.Write(new { state = to }), reason, null, ct);
        await u.CommitAsync(ct);
        return after;
    }

    private static Task SetStateAsync(UnitOfWork u, long id, LicenceState state, CancellationToken ct) =>
        u.ExecuteAsync("UPDATE licences SET state = @s WHERE id = @id", ct, ("s", state.ToString()), ("id", id));

    internal static async Task<LicenceDetails> LoadAsync(UnitOfWork u, string number, CancellationToken ct, bool forUpdate = false)
    {
        LicenceDetails head;
        await using (var cmd = u.Command($"SELECT {LicenceColumns} FROM licences WHERE number = @n" + (forUpdate ? u.ForUpdate : ""), ("n", number)))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            if (!await r.ReadAsync(ct)) throw LicensingException.NotFound($"Licence {number} does not exist.");
            head = new LicenceDetails(r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), r.GetString(4), r.GetString(5), Enum.Parse<LicenceState>(r.GetString(6)),
                Column.Day(r, 7)!.Value, Column.Day(r, 8)!.Value, r.GetString(9), r.GetString(10), LicensingStore.Opt(r, 11), []);
        }
        var lines = new List<LineView>();
        await using (var cmd = u.Command("SELECT line, description, control_code, hs_code, quantity, quantity_used, unit, value, value_used, currency, control_mode, tolerance " +
                                         "FROM licence_lines WHERE licence_id = @l ORDER BY line", ("l", head.Id)))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                lines.Add(new LineView(r.GetInt32(0), r.GetString(1), LicensingStore.Opt(r, 2), LicensingStore.Opt(r, 3), Dec(r, 4), r.GetDecimal(5), LicensingStore.Opt(r, 6),
                    Dec(r, 7), r.GetDecimal(8), LicensingStore.Opt(r, 9), Enum.Parse<ControlMode>(r.GetString(10)), r.GetDecimal(11)));
        return head with { Lines = lines };
    }

    private static decimal? Dec(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDecimal(i);
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string Amount(decimal d) => d.ToString("#,0.###", CultureInfo.InvariantCulture);
}

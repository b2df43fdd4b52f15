using System.Globalization;
using System.Security.Cryptography;
using Chokepoint.Core.Identity;
using Chokepoint.Licensing;
using Chokepoint.Licensing.Storage;

namespace Chokepoint.Application.Monitoring;

/// <summary>A file attached to an alert: its name, SHA-256 and size, who added it and when.</summary>
public sealed record EvidenceFile(long Id, long Alert, string Name, string Sha256, long Size, string AddedBy, string AddedAt);

/// <summary>
/// Evidence for alert decisions: files up to <see cref="MaxBytes"/> attached to an alert of the reviewer's own
/// organisation until it is closed, each kept whole with its SHA-256 and in the audit trail; read back by anyone
/// who may read the alert.
/// </summary>
public sealed class Evidence(LicensingStore store)
{
    public const int MaxBytes = 5 * 1024 * 1024;

    public async Task<EvidenceFile> AttachAsync(Actor actor, long alertId, string name, byte[] content, CancellationToken ct)
    {
        CounterpartyRegister.Permit(actor);
        name = Path.GetFileName((name ?? "").Trim());
        if (name.Length is 0 or > 200 || name.Any(char.IsControl)) throw LicensingException.Bad("An evidence file needs a name of 1 to 200 characters without control characters.");
        if (content.Length is 0 or > MaxBytes) throw LicensingException.Bad($"An evidence file has 1 to {MaxBytes:N0} bytes; this one has {content.Length:N0}.");
        await using var u = await store.BeginAsync(ct);
        var state = await u.ScalarAsync("SELECT state FROM alerts WHERE id = @id AND organisation_id = @o" + u.ForUpdate, ct, ("id", alertId), ("o", actor.OrganisationId)) as string
            ?? throw LicensingException.NotFound($"Alert {alertId} does not exist.");
        if (state == nameof(AlertState.Closed)) throw LicensingException.Conflict($"Alert {alertId} is closed; evidence belongs with a decision still to be taken or approved.");
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        var at = u.Now.ToString("O", CultureInfo.InvariantCulture);
        var id = await u.InsertAsync("INSERT INTO alert_evidence (alert_id, organisation_id, name, sha256, size, content, added_by, added_at) VALUES (@a, @o, @n, @s, @z, @c, @by, @at)", ct,
            ("a", alertId), ("o", actor.OrganisationId), ("n", name), ("s", sha), ("z", (long)content.Length), ("c", content), ("by", actor.Username), ("at", at));
        var file = new EvidenceFile(id, alertId, name, sha, content.Length, actor.Username, at);
        await u.AuditAsync(actor, "alert.evidence", "alert", alertId.ToString(CultureInfo.InvariantCulture), null, Json.Write(file), null, null, ct);
        await u.CommitAsync(ct);
        return file;
    }

    public async Task<IReadOnlyList<EvidenceFile>> ListAsync(Actor actor, long alertId, CancellationToken ct)
    {
        CounterpartyRegister.Permit(actor, read: true);
        await using var u = await store.BeginAsync(ct);
        await using var cmd = u.Command("SELECT id, alert_id, name, sha256, size, added_by, added_at FROM alert_evidence WHERE organisation_id = @o AND alert_id = @a ORDER BY id",
            ("o", actor.OrganisationId), ("a", alertId));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<EvidenceFile>();
        while (await r.ReadAsync(ct)) list.Add(new EvidenceFile(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetInt64(4), r.GetString(5), r.GetString(6)));
        return list;
    }

    public async Task<(EvidenceFile File, byte[] Content)> ReadAsync(Actor actor, long alertId, long id, CancellationToken ct)
    {
        CounterpartyRegister.Permit(actor, read: true);
        await using var u = await store.BeginAsync(ct);
        await using var cmd = u.Command("SELECT id, alert_id, name, sha256, size, added_by, added_at, content FROM alert_evidence WHERE organisation_id = @o AND alert_id = @a AND id = @id",
            ("o", actor.OrganisationId), ("a", alertId), ("id", id));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) throw LicensingException.NotFound($"Alert {alertId} has no evidence file {id}.");
        return (new EvidenceFile(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetInt64(4), r.GetString(5), r.GetString(6)), (byte[])r.GetValue(7));
    }
}

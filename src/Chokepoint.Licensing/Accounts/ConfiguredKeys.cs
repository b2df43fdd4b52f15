using System.Globalization;
using System.Security.Cryptography;
using Chokepoint.Core.Identity;
using Chokepoint.Licensing.Storage;

namespace Chokepoint.Licensing.Accounts;

/// <summary>A key given in the server's settings (Chokepoint:ApiKeys) and the role it grants.</summary>
public sealed record ConfiguredKey(string Key, string Role);

/// <summary>
/// Keys in the server's settings become ordinary accounts, so that there is one identity model: every request is made
/// by an actor with a role, whichever way it signed in. At each start-up, each configured key gets a machine account
/// ("key-screener-1a2b3c4d", named after its role and the start of the key's hash, never the key) in the organisation
/// "Configured API keys", and a key removed from the settings stops working. The old role names are read as before:
/// "admin" is administrator. Every change is audited, by the actor "configuration".
/// </summary>
public sealed class ConfiguredKeys(LicensingStore store)
{
    public const string Organisation = "Configured API keys";
    public const string Label = "configuration";
    private static readonly Actor Configuration = new(0, "configuration", Roles.Administrator, 0);

    public static string RoleFor(string configured) => configured switch
    {
        "admin" => Roles.Administrator,
        _ when Roles.All.Contains(configured) => configured,
        _ => throw LicensingException.Bad($"Configured API key role '{configured}' is unknown: use screener, admin or one of {string.Join(", ", Roles.All)}."),
    };

    /// <summary>Brings the configured-key accounts in line with <paramref name="keys"/>; the accounts now serving.</summary>
    public async Task<IReadOnlyList<UserView>> ApplyAsync(IReadOnlyList<ConfiguredKey> keys, CancellationToken ct)
    {
        var wanted = new Dictionary<string, (string Username, string Role)>(StringComparer.Ordinal);
        foreach (var k in keys)
        {
            if (string.IsNullOrWhiteSpace(k.Key)) throw LicensingException.Bad("A configured API key is empty.");
            var hash = AccountService.KeyHash(k.Key);
            var role = RoleFor(k.Role);
            if (!wanted.TryAdd(hash, ($"key-{role}-{hash[..8]}", role))) throw LicensingException.Bad("The same API key is configured twice.");
        }
        await using var u = await store.BeginAsync(ct);
        await u.LockAsync(ct); // two servers starting together must not both create the same account
        var organisation = await u.ScalarAsync("SELECT id FROM organisations WHERE name = @n", ct, ("n", Organisation)) is { } found
            ? Convert.ToInt64(found, CultureInfo.InvariantCulture)
            : await u.InsertAsync("INSERT INTO organisations (name, country, kind) VALUES (@n, 'ZZ', 'exporter')", ct, ("n", Organisation));
        var serving = new List<UserView>();
        foreach (var (hash, (username, role)) in wanted)
        {
            long id;
            if (await u.ScalarAsync("SELECT id FROM users WHERE username = @u", ct, ("u", username)) is { } existing)
            {
                id = Convert.ToInt64(existing, CultureInfo.InvariantCulture);
                if (Convert.ToInt64(await u.ScalarAsync("SELECT COUNT(*) FROM users WHERE id = @id AND role = @r", ct, ("id", id), ("r", role)), CultureInfo.InvariantCulture) == 0)
                {
                    await u.ExecuteAsync("UPDATE users SET role = @r WHERE id = @id", ct, ("r", role), ("id", id));
                    await u.AuditAsync(Configuration, "user.role-changed", "user", id.ToString(CultureInfo.InvariantCulture), null, Json.Write(new { role }), "configured key's role changed", null, ct);
                }
            }
            else
            {
                // No password signs in as a machine account: its hash is of random bytes nobody keeps.
                var draft = new UserView(0, username, role, organisation);
                id = await u.InsertAsync("INSERT INTO users (username, password_hash, role, organisation_id) VALUES (@u, @h, @r, @o)", ct,
                    ("u", username), ("h", AccountService.Hasher.HashPassword(draft, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))), ("r", role), ("o", organisation));
                await u.AuditAsync(Configuration, "user.created", "user", id.ToString(CultureInfo.InvariantCulture), null, Json.Write(draft with { Id = id }), "configured API key", null, ct);
            }
            if (await u.ScalarAsync("SELECT user_id FROM api_keys WHERE key_hash = @h", ct, ("h", hash)) is null)
            {
                await u.ExecuteAsync("INSERT INTO api_keys (key_hash, user_id, label) VALUES (@h, @u, @l)", ct, ("h", hash), ("u", id), ("l", Label));
                await u.AuditAsync(Configuration, "apikey.created", "user", id.ToString(CultureInfo.InvariantCulture), null, Json.Write(new { label = Label }), null, null, ct);
            }
            serving.Add(new UserView(id, username, role, organisation));
        }
        foreach (var (hash, user) in await u.PairsAsync("SELECT key_hash, user_id FROM api_keys WHERE label = @l", ct, ("l", Label)))
        {
            if (wanted.ContainsKey(hash)) continue;
            await u.ExecuteAsync("DELETE FROM api_keys WHERE key_hash = @h", ct, ("h", hash));
            await u.AuditAsync(Configuration, "apikey.revoked", "user", user, Json.Write(new { label = Label }), null, "removed from the settings", null, ct);
        }
        await u.CommitAsync(ct);
        return serving;
    }
}

using Chokepoint.Core.Identity;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Chokepoint.Licensing.Storage;
using Microsoft.AspNetCore.Identity;

namespace Chokepoint.Licensing.Accounts;

public sealed record OrganisationView(long Id, string Name, string Country, string Kind);

public sealed record UserView(long Id, string Username, string Role, long OrganisationId);

/// <summary>
/// Organisations, people and machine keys. Passwords are hashed with ASP.NET Core Identity's standard hasher
/// (PBKDF2); API keys are random and stored only as their SHA-256. Every change is audited.
/// </summary>
public sealed class AccountService(LicensingStore store, SignInThrottle? throttle = null)
{
    private readonly SignInThrottle _throttle = throttle ?? new SignInThrottle(store.Clock);

    internal static readonly PasswordHasher<UserView> Hasher = new();
    /// <summary>The actor for changes made by the command line on the operator's authority.</summary>

    public async Task<OrganisationView> CreateOrganisationAsync(Actor actor, string name, string country, string kind, CancellationToken ct)
    {
        Guard.Role(actor, Roles.Administrator);
        name = Guard.Text(name, "name", 300);
        if (country is not { Length: 2 } || !country.All(char.IsAsciiLetterUpper)) throw LicensingException.Bad("country must be an ISO 3166 alpha-2 code.");
        if (kind is not ("exporter" or "authority")) throw LicensingException.Bad("kind must be exporter or authority.");
        await using var u = await store.BeginAsync(ct);
        if (await u.ScalarAsync("SELECT id FROM organisations WHERE name = @n", ct, ("n", name)) is not null) throw LicensingException.Conflict($"An organisation named {name} exists.");
        var id = await u.InsertAsync("INSERT INTO organisations (name, country, kind) VALUES (@n, @c, @k)", ct, ("n", name), ("c", country), ("k", kind));
        var view = new OrganisationView(id, name, country, kind);
        await u.AuditAsync(actor, "organisation.created", "organisation", id.ToString(CultureInfo.InvariantCulture), null, Json.Write(view), null, null, ct);
        await u.CommitAsync(ct);
        return view;
    }

    public async Task<UserView> CreateUserAsync(Actor actor, string username, string password, string role, long organisationId, CancellationToken ct)
    {
        Guard.Role(actor, Roles.Administrator);
        username = Guard.Text(username, "username", 100);
        if (!Roles.All.Contains(role)) throw LicensingException.Bad($"role must be one of {string.Join(", ", Roles.All)}.");
        if (password is not { Length: >= 12 and <= 200 }) throw LicensingException.Bad("A password has 12 to 200 characters.");
        await using var u = await store.BeginAsync(ct);
        if (await u.ScalarAsync("SELECT id FROM organisations WHERE id = @o", ct, ("o", organisationId)) is null) throw LicensingException.Bad($"Organisation {organisationId} does not exist.");
        if (await u.ScalarAsync("SELECT id FROM users WHERE username = @u", ct, ("u", username)) is not null) throw LicensingException.Conflict($"The username {username} is taken.");
        var draft = new UserView(0, username, role, organisationId);
        var id = await u.InsertAsync("INSERT INTO users (username, password_hash, role, organisation_id) VALUES (@u, @h, @r, @o)", ct,
            ("u", username), ("h", Hasher.HashPassword(draft, password)), ("r", role), ("o", organisationId));
        var view = draft with { Id = id };
        await u.AuditAsync(actor, "user.created", "user", id.ToString(CultureInfo.InvariantCulture), null, Json.Write(view), null, null, ct);
        await u.CommitAsync(ct);
        return view;
    }

    /// <summary>Issues a machine key acting as this user; the key is shown once and stored only as its hash.</summary>
    public async Task<string> CreateApiKeyAsync(Actor actor, long userId, string label, CancellationToken ct)
    {
        Guard.Role(actor, Roles.Administrator);
        var key = "ck_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        await using var u = await store.BeginAsync(ct);
        if (await u.ScalarAsync("SELECT id FROM users WHERE id = @id", ct, ("id", userId)) is null) throw LicensingException.NotFound($"User {userId} does not exist.");
        await u.ExecuteAsync("INSERT INTO api_keys (key_hash, user_id, label) VALUES (@h, @u, @l)", ct, ("h", KeyHash(key)), ("u", userId), ("l", Guard.Text(label, "label", 200)));
        await u.AuditAsync(actor, "apikey.created", "user", userId.ToString(CultureInfo.InvariantCulture), null, Json.Write(new { label }), null, null, ct);
        await u.CommitAsync(ct);
        return key;
    }

    public async Task<Actor?> AuthenticateAsync(string username, string password, CancellationToken ct) =>
        (await SignInAsync(username, password, null, ct)).Actor;

    /// <summary>A password sign-in behind the throttle: turned away without hashing while the account or address must
    /// wait, refused for a locked account, and locking the account after <see cref="SignInThrottle.LockAfter"/>
    /// failures in a row (audited).</summary>
    public async Task<SignInResult> SignInAsync(string username, string password, string? address, CancellationToken ct)
    {
        if (_throttle.Wait(username, address) is { } wait) return new SignInResult(SignInOutcome.Throttled, RetryAfter: wait);
        UserView view;
        string hash;
        await using (var c = await store.Database.ConnectAsync(ct))
        await using (var cmd = Chokepoint.Storage.Records.RecordDatabase.Command(c, null, "SELECT id, password_hash, role, organisation_id, locked FROM users WHERE username = @u", ("u", username)))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            if (!await r.ReadAsync(ct))
            {
                _throttle.Failed(username, address);
                return new SignInResult(SignInOutcome.Failed);
            }
            if (Chokepoint.Storage.Records.Column.Flag(r, 4)) return new SignInResult(SignInOutcome.Locked);
            view = new UserView(r.GetInt64(0), username, r.GetString(2), r.GetInt64(3));
            hash = r.GetString(1);
        }
        if (Hasher.VerifyHashedPassword(view, hash, password) != PasswordVerificationResult.Failed)
        {
            _throttle.Succeeded(username, address);
            return new SignInResult(SignInOutcome.Succeeded, new Actor(view.Id, username, view.Role, view.OrganisationId));
        }
        if (_throttle.Failed(username, address) >= SignInThrottle.LockAfter)
        {
            await SetLockedAsync(new Actor(0, "sign-in throttle", Roles.Administrator, 0), view.Id, true, $"{SignInThrottle.LockAfter} failed sign-ins in a row", ct);
            return new SignInResult(SignInOutcome.Locked);
        }
        return new SignInResult(SignInOutcome.Failed);
    }

    /// <summary>Lifts the lock the throttle put on an account (administrators), audited.</summary>
    public async Task<UserView> UnlockAsync(Actor actor, string username, string reason, CancellationToken ct)
    {
        Guard.Role(actor, Roles.Administrator);
        reason = Guard.Text(reason, "reason");
        var user = (await UsersAsync(actor, ct)).FirstOrDefault(u => u.Username == username) ?? throw LicensingException.NotFound($"No user {username}.");
        await SetLockedAsync(actor, user.Id, false, reason, ct);
        _throttle.Clear(username);
        return user;
    }

    private async Task SetLockedAsync(Actor actor, long userId, bool locked, string reason, CancellationToken ct)
    {
        await using var u = await store.BeginAsync(ct);
        await u.ExecuteAsync("UPDATE users SET locked = @l WHERE id = @id", ct, ("l", locked), ("id", userId));
        await u.AuditAsync(actor, locked ? "user.locked" : "user.unlocked", "user", userId.ToString(CultureInfo.InvariantCulture), null, Json.Write(new { locked }), reason, null, ct);
        await u.CommitAsync(ct);
    }

    public async Task<Actor?> AuthenticateKeyAsync(string key, CancellationToken ct)
    {
        await using var c = await store.Database.ConnectAsync(ct);
        await using var cmd = Chokepoint.Storage.Records.RecordDatabase.Command(c, null,
            "SELECT u.id, u.username, u.role, u.organisation_id FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.key_hash = @h", ("h", KeyHash(key)));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? new Actor(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt64(3)) : null;
    }

    /// <summary>The account a command-line user acts as (`--as NAME`): the command line runs on the operator's authority,
    /// and names the person so that four-eyes rules and the trail see who it was.</summary>
    public async Task<Actor> ActAsAsync(string username, CancellationToken ct)
    {
        await using var c = await store.Database.ConnectAsync(ct);
        await using var cmd = Chokepoint.Storage.Records.RecordDatabase.Command(c, null, "SELECT id, role, organisation_id FROM users WHERE username = @u", ("u", username));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? new Actor(r.GetInt64(0), username, r.GetString(1), r.GetInt64(2)) : throw LicensingException.NotFound($"No user {username}.");
    }

    public async Task<IReadOnlyList<UserView>> UsersAsync(Actor actor, CancellationToken ct)
    {
        Guard.Role(actor, Roles.Administrator, Roles.Auditor);
        await using var c = await store.Database.ConnectAsync(ct);
        await using var cmd = Chokepoint.Storage.Records.RecordDatabase.Command(c, null, "SELECT id, username, role, organisation_id FROM users ORDER BY id");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<UserView>();
        while (await r.ReadAsync(ct)) list.Add(new UserView(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt64(3)));
        return list;
    }

    /// <summary>One account, for administrators and auditors (as the list of them).</summary>
    public async Task<UserView> UserAsync(Actor actor, long id, CancellationToken ct) =>
        (await UsersAsync(actor, ct)).FirstOrDefault(u => u.Id == id) ?? throw LicensingException.NotFound($"There is no user {id}.");

    /// <summary>One organisation: its own members read it, administrators and auditors any.</summary>
    public async Task<OrganisationView> OrganisationAsync(Actor actor, long id, CancellationToken ct)
    {
        if (actor.OrganisationId != id) Guard.Role(actor, Roles.Administrator, Roles.Auditor);
        return await OrganisationAsync(id, ct) ?? throw LicensingException.NotFound($"There is no organisation {id}.");
    }

    /// <summary>A workplace session begun or ended, in the trail with the client's address.</summary>
    public async Task RecordSessionAsync(Actor actor, bool signedIn, string? address, CancellationToken ct)
    {
        await using var u = await store.BeginAsync(ct);
        await u.AuditAsync(actor, signedIn ? "session.signed-in" : "session.signed-out", "user", actor.UserId.ToString(CultureInfo.InvariantCulture),
            null, Json.Write(new { address }), null, null, ct);
        await u.CommitAsync(ct);
    }

    /// <summary>Whether any person can sign in as an administrator (configured keys' machine accounts do not count): when
    /// none can, the workplace offers its first-run page.</summary>
    public async Task<bool> HasAdministratorAsync(CancellationToken ct)
    {
        await using var u = await store.BeginAsync(ct);
        return await u.ScalarAsync("SELECT u.id FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.role = @r AND o.name <> @machines LIMIT 1", ct,
            ("r", Roles.Administrator), ("machines", ConfiguredKeys.Organisation)) is not null;
    }

    /// <summary>The first administrator and their organisation, in one transaction, only while no person is an
    /// administrator: a second first run is refused, whoever asks.</summary>
    public async Task<UserView> FirstAdministratorAsync(string organisation, string country, string kind, string username, string password, CancellationToken ct)
    {
        if (await HasAdministratorAsync(ct)) throw LicensingException.Conflict("An administrator exists already; the first-run page is closed. Ask them for an account.");
        // Checked before the organisation is made, so that a refused password leaves nothing behind.
        if (password is not { Length: >= 12 and <= 200 }) throw LicensingException.Bad("A password has 12 to 200 characters.");
        Guard.Text(username, "username", 100);
        var firstRun = new Actor(0, "first run", Roles.Administrator, 0);
        var org = await CreateOrganisationAsync(firstRun, organisation, country, kind, ct);
        return await CreateUserAsync(firstRun, username, password, Roles.Administrator, org.Id, ct);
    }

    /// <summary>The account as it stands now, for a session made earlier: null once it is locked or gone, and with
    /// its current role, so a revoked or re-roled person loses their old rights at their next request.</summary>
    public async Task<Actor?> CurrentAsync(long userId, CancellationToken ct)
    {
        await using var c = await store.Database.ConnectAsync(ct);
        await using var cmd = Chokepoint.Storage.Records.RecordDatabase.Command(c, null, "SELECT username, role, organisation_id, locked FROM users WHERE id = @id", ("id", userId));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct) || Chokepoint.Storage.Records.Column.Flag(r, 3)) return null;
        return new Actor(userId, r.GetString(0), r.GetString(1), r.GetInt64(2));
    }

    public async Task<OrganisationView?> OrganisationAsync(long id, CancellationToken ct)
    {
        await using var c = await store.Database.ConnectAsync(ct);
        await using var cmd = Chokepoint.Storage.Records.RecordDatabase.Command(c, null, "SELECT name, country, kind FROM organisations WHERE id = @id", ("id", id));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? new OrganisationView(id, r.GetString(0), r.GetString(1), r.GetString(2)) : null;
    }

    internal static string KeyHash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

using System.Security.Cryptography;
using Chokepoint.Licensing.Accounts;

namespace Chokepoint.Server.Workplace;

/// <summary>
/// The safe way to the first administrator: while no person is one, the server makes a one-time setup code and
/// writes it to its log, where only whoever runs the server can read it; /setup takes it with the new account. There
/// is no default password. The code is used once, and the page closes for good once an administrator exists.
/// </summary>
public sealed class FirstRun(AccountService accounts, ILogger<FirstRun> log)
{
    private string? _code;

    /// <summary>The code while the first-run page is open (tests read it here instead of the log).</summary>
    internal string? Code => _code;

    public async Task StartAsync(CancellationToken ct)
    {
        if (await accounts.HasAdministratorAsync(ct)) return;
        _code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        log.LogWarning("No administrator can sign in yet. Open /setup in the workplace and give the setup code {Code} to create the first one.", _code);
    }

    public bool Open => _code is not null;

    /// <summary>Creates the first administrator if <paramref name="code"/> is the setup code; the code is spent first,
    /// so two racing requests cannot both use it.</summary>
    public async Task<UserView> CreateAsync(string code, string organisation, string country, string kind, string username, string password, CancellationToken ct)
    {
        var expected = _code;
        if (expected is null) throw Chokepoint.Licensing.LicensingException.Conflict("The first-run page is closed: an administrator exists. Ask them for an account.");
        if (!CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(code.Trim()), System.Text.Encoding.UTF8.GetBytes(expected)))
            throw Chokepoint.Licensing.LicensingException.Forbidden("That is not the setup code; it is in the server's log, written when the server started.");
        if (Interlocked.CompareExchange(ref _code, null, expected) != expected)
            throw Chokepoint.Licensing.LicensingException.Conflict("The setup code was used a moment ago.");
        try
        {
            return await accounts.FirstAdministratorAsync(organisation, country, kind, username, password, ct);
        }
        catch
        {
            _code = expected; // nothing was made (one transaction per step failed whole): the code stays good
            throw;
        }
    }
}

using Chokepoint.Core.Identity;
using System.Collections.Concurrent;

namespace Chokepoint.Licensing.Accounts;

/// <summary>
/// Back-off on failed password sign-ins, per account and per client address: after <see cref="FreeFailures"/>
/// failures each further attempt must wait twice as long as the last (1 s, 2 s, 4 s ... at most 15 minutes), and an
/// attempt made too early is turned away before the password is hashed, so guessing costs the server nothing.
/// After <see cref="LockAfter"/> failures in a row an account is locked in the database until an administrator lifts
/// it (chokepoint users unlock). A success clears the account's and the address's count. Thread-safe; per process.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int FreeFailures = 3;
    public const int LockAfter = 10;
    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(15);
    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset NotBefore)> _state = new(StringComparer.Ordinal);

    /// <summary>How long the caller must wait before this account may try again from this address; null: now.</summary>
    public TimeSpan? Wait(string username, string? address)
    {
        var now = clock.GetUtcNow();
        var wait = TimeSpan.Zero;
        foreach (var key in Keys(username, address))
            if (_state.TryGetValue(key, out var s) && s.NotBefore > now && s.NotBefore - now > wait) wait = s.NotBefore - now;
        return wait > TimeSpan.Zero ? wait : null;
    }

    /// <summary>Counts a failure; returns the account's failures in a row.</summary>
    public int Failed(string username, string? address)
    {
        var now = clock.GetUtcNow();
        var account = 0;
        foreach (var key in Keys(username, address))
        {
            var s = _state.AddOrUpdate(key, _ => (1, now), (_, old) =>
            {
                var failures = old.Failures + 1;
                var delay = failures <= FreeFailures ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(Longest.TotalSeconds, Math.Pow(2, failures - FreeFailures - 1)));
                return (failures, now + delay);
            });
            if (key.StartsWith("u:", StringComparison.Ordinal)) account = s.Failures;
        }
        return account;
    }

    public void Succeeded(string username, string? address)
    {
        foreach (var key in Keys(username, address)) _state.TryRemove(key, out _);
    }

    /// <summary>Forgets an account's failures (an administrator lifted its lock).</summary>
    public void Clear(string username) => _state.TryRemove("u:" + username, out _);

    private static IEnumerable<string> Keys(string username, string? address)
    {
        yield return "u:" + username;
        if (!string.IsNullOrEmpty(address)) yield return "a:" + address;
    }
}

/// <summary>What a password sign-in came to.</summary>
public enum SignInOutcome { Succeeded, Failed, Throttled, Locked }

public sealed record SignInResult(SignInOutcome Outcome, Actor? Actor = null, TimeSpan? RetryAfter = null);

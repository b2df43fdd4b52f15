using Chokepoint.Core.Identity;
using System.Security.Cryptography;
using System.Text;

namespace Chokepoint.Licensing.Audit;

/// <summary>
/// The secret keys the audit chain is keyed with (HMAC-SHA256), kept outside the database so that someone who can
/// write to the database cannot write a valid event. From CHOKEPOINT_AUDIT_KEY (base64, at least 32 bytes; key id
/// "env"), else from a key file (CHOKEPOINT_AUDIT_KEY_FILE, default ~/.chokepoint/audit-keys) created on first use
/// with a random key, readable by its owner only. Rotation adds a key; the newest signs, all of them verify.
/// </summary>
public sealed class AuditKeyRing
{
    public const string KeyVariable = "CHOKEPOINT_AUDIT_KEY";
    public const string FileVariable = "CHOKEPOINT_AUDIT_KEY_FILE";
    private readonly Dictionary<string, byte[]> _keys;

    private AuditKeyRing(Dictionary<string, byte[]> keys, string current, string source) => (_keys, CurrentId, Source) = (keys, current, source);

    /// <summary>The key new events are signed with.</summary>
    public string CurrentId { get; }

    /// <summary>Where the keys come from, for messages (never the keys).</summary>
    public string Source { get; }

    private static readonly Lazy<AuditKeyRing> Lazy = new(() => Load(Environment.GetEnvironmentVariable(KeyVariable), KeyFile()));

    /// <summary>The keys of this process's environment, loaded (or created) once.</summary>
    public static AuditKeyRing Default => Lazy.Value;

    public static string KeyFile() =>
        Environment.GetEnvironmentVariable(FileVariable) is { Length: > 0 } file ? file
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".chokepoint", "audit-keys");

    public static AuditKeyRing Load(string? environmentKey, string file)
    {
        if (!string.IsNullOrWhiteSpace(environmentKey))
        {
            byte[] key;
            try { key = Convert.FromBase64String(environmentKey.Trim()); }
            catch (FormatException) { throw new InvalidOperationException($"{KeyVariable} is not base64."); }
            if (key.Length < 32) throw new InvalidOperationException($"{KeyVariable} holds {key.Length} bytes; an audit key has at least 32.");
            return new AuditKeyRing(new Dictionary<string, byte[]> { ["env"] = key }, "env", $"${KeyVariable}");
        }
        if (!File.Exists(file)) CreateFile(file);
        return Read(file);
    }

    private static AuditKeyRing Read(string file)
    {
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        string? current = null;
        foreach (var line in File.ReadAllLines(file))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split(' ', 2);
            byte[] key;
            try { key = Convert.FromBase64String(parts.ElementAtOrDefault(1) ?? ""); }
            catch (FormatException) { throw new InvalidOperationException($"{file}: the line for key '{parts[0]}' is not 'ID BASE64'."); }
            if (key.Length < 32 || !keys.TryAdd(parts[0], key)) throw new InvalidOperationException($"{file}: key '{parts[0]}' is shorter than 32 bytes or repeated.");
            current = parts[0];
        }
        return current is null ? throw new InvalidOperationException($"{file} holds no audit key.") : new AuditKeyRing(keys, current, file);
    }

    /// <summary>Adds a new key, which signs from now on; the old ones keep verifying what they signed.</summary>
    public static string Rotate(string file)
    {
        var ring = File.Exists(file) ? Read(file) : null;
        var id = NewId(ring?._keys.Count ?? 0);
        File.AppendAllText(file, $"{id} {Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}\n");
        return id;
    }

    public byte[] Key(string id) =>
        _keys.TryGetValue(id, out var key) ? key : throw new KeyNotFoundException($"audit key '{id}' is not in {Source}");

    public bool Has(string id) => _keys.ContainsKey(id);

    public string Mac(string id, string text) => Convert.ToHexStringLower(HMACSHA256.HashData(Key(id), Encoding.UTF8.GetBytes(text)));

    /// <summary>Writes a new key file atomically: two processes starting at once end up with the same key.</summary>
    private static void CreateFile(string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        var temp = $"{file}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, $"# Chokepoint audit keys: keep secret, back up, never store beside the database.\n{NewId(0)} {Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try { File.Move(temp, file, overwrite: false); }
        catch (IOException) when (File.Exists(file)) { File.Delete(temp); } // another process made it first: use theirs
    }

    private static string NewId(int existing) => $"k{existing + 1}-{DateTime.UtcNow:yyyyMMdd}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
}

using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Chokepoint.Server.Workplace;

/// <summary>A file a person uploaded, kept for the next step of their work (a batch to screen, a register to map
/// and import): only its uploader can use it, and it is deleted after an hour or when the server stops.</summary>
public sealed record Upload(string Id, long Owner, string FileName, string Path, DateTimeOffset At);

/// <summary>
/// Checks uploads before anything reads them (a name ending .csv, .xlsx or .jsonl; at most <see cref="MaxBytes"/>;
/// not empty) and keeps them in a private temporary folder under a random id.
/// </summary>
public sealed class Uploads : IDisposable
{
    public const long MaxBytes = 20 * 1024 * 1024;
    private static readonly string[] Extensions = [".csv", ".xlsx", ".jsonl"];
    private static readonly TimeSpan KeptFor = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, Upload> _files = new(StringComparer.Ordinal);
    private readonly string _folder = Directory.CreateTempSubdirectory("chokepoint-uploads-").FullName;
    private readonly TimeProvider _clock;

    public Uploads(TimeProvider clock) => _clock = clock;

    public async Task<Upload> SaveAsync(long owner, IFormFile? file, CancellationToken ct)
    {
        if (file is null) throw new ArgumentException("Choose a file to upload.");
        var ext = System.IO.Path.GetExtension(file.FileName).ToLowerInvariant();
        if (!Extensions.Contains(ext)) throw new ArgumentException($"'{file.FileName}' is not a .csv, .xlsx or .jsonl file.");
        if (file.Length == 0) throw new ArgumentException($"'{file.FileName}' is empty.");
        if (file.Length > MaxBytes) throw new ArgumentException($"'{file.FileName}' is {file.Length:N0} bytes; an upload has at most {MaxBytes:N0}.");
        Sweep();
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var path = System.IO.Path.Combine(_folder, id + ext);
        await using (var output = File.Create(path))
            await file.CopyToAsync(output, ct);
        var upload = new Upload(id, owner, System.IO.Path.GetFileName(file.FileName), path, _clock.GetUtcNow());
        _files[id] = upload;
        return upload;
    }

    /// <summary>The upload if it is this person's and still kept; otherwise a clear "not found".</summary>
    public Upload Get(long owner, string? id) =>
        id is not null && _files.TryGetValue(id, out var u) && u.Owner == owner && _clock.GetUtcNow() - u.At < KeptFor ? u
        : throw Chokepoint.Licensing.LicensingException.NotFound("That upload is not here any more (uploads are kept for an hour): upload the file again.");

    public void Forget(Upload upload)
    {
        if (_files.TryRemove(upload.Id, out _)) File.Delete(upload.Path);
    }

    private void Sweep()
    {
        foreach (var old in _files.Values.Where(u => _clock.GetUtcNow() - u.At >= KeptFor)) Forget(old);
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } // best effort: the OS cleans temp
    }
}

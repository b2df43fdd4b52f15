using System.Net;
using Chokepoint.Core.Reading;
using Chokepoint.Core.Snapshots;
using Chokepoint.Sources.Reading;
using Chokepoint.Sources.Snapshots;
using Chokepoint.Storage;

namespace Chokepoint.Sources.Updates;

/// <summary>What an update did for one dataset.</summary>
public sealed record UpdateReport(string Dataset, UpdateOutcome Outcome, string Message, SnapshotInfo? Snapshot)
{
    /// <summary>The import, when the download was read into a snapshot (new or identical).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ImportResult? Import { get; init; }
}

/// <summary>
/// Downloads each configured list, with a timeout and retries, and imports it behind a guard: a download that is an
/// HTML page, empty, of another format than expected, that does not parse, or whose entry count collapses against
/// the active snapshot is refused. A refusal writes nothing; the last good snapshot keeps serving, and the refusal is
/// recorded in the store's update log.
/// </summary>
public sealed class ListUpdater(ISnapshotStore store, SnapshotImporter importer, HttpClient http, UpdateSettings settings, TimeProvider clock)
{
    /// <summary>Take downloads the drop guard would refuse (chokepoint lists update --accept-drop); recorded by the caller.</summary>
    public bool AcceptDrop { get; init; }

    public async Task<UpdateReport> UpdateAsync(ListSource source, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("chokepoint-download-");
        var url = source.Files.Count > 0 ? source.Files[0].Url : "";
        try
        {
            foreach (var file in source.Files)
            {
                var failure = await DownloadAsync(file, Path.Combine(dir.FullName, file.Name), ct).ConfigureAwait(false);
                if (failure is not null) return await RecordAsync(source, file.Url, failure.Value.Outcome, failure.Value.Message, null, ct).ConfigureAwait(false);
            }
            var main = Path.Combine(dir.FullName, source.Files[0].Name);
            var problem = Check(main, source.Format);
            if (problem is not null) return await RecordAsync(source, url, UpdateOutcome.Refused, problem, null, ct).ConfigureAwait(false);
            var options = new ImportOptions
            {
                Format = source.Format,
                Dataset = source.Dataset,
                Source = url,
                MaxDropShare = settings.MaxDropShare,
                AcceptDrop = AcceptDrop,
                MaxFileBytes = settings.MaxDownloadBytes,
                Published = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
            };
            try
            {
                var result = await importer.ImportAsync(main, options, progress, ct).ConfigureAwait(false);
                var s = result.Snapshot;
                var serving = s.Active ? "it serves" : "it does NOT serve: a snapshot dated later is active (chokepoint lists status --all; lists activate to change that)";
                var report = result.Unchanged
                    ? await RecordAsync(source, url, UpdateOutcome.Unchanged, $"identical to snapshot {s.Id}; {serving}", s, ct).ConfigureAwait(false)
                    : await RecordAsync(source, url, UpdateOutcome.Imported, $"snapshot {s.Id}: {s.EntityCount:N0} entities, published {s.Published:yyyy-MM-dd}; {serving}", s, ct).ConfigureAwait(false);
                return report with { Import = result };
            }
            catch (Exception e) when (e is ListFormatException or ImportRefusedException)
            {
                // Named by where it came from, not by the temporary file it was saved in.
                return await RecordAsync(source, url, UpdateOutcome.Refused, e.Message.Replace(main, url, StringComparison.Ordinal), null, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Refuses what is plainly not the list before any parsing: empty files, HTML pages, another format.</summary>
    private static string? Check(string file, string format)
    {
        var probe = ListProbe.Of(file);
        if (probe.Head.Length == 0) return "the download is empty";
        if (probe.LooksLikeHtml) return "the download is an HTML page, not the list (an error or maintenance page?)";
        var reader = ListReaders.ByFormat(format);
        return reader.Recognises(probe) ? null : $"the download is not in the expected {format} format";
    }

    private async Task<(UpdateOutcome Outcome, string Message)?> DownloadAsync(ListFile file, string target, CancellationToken ct)
    {
        Exception? last = null;
        for (var attempt = 0; attempt <= settings.Retries; attempt++)
        {
            if (attempt > 0) await Task.Delay(TimeSpan.FromMilliseconds(250 * Math.Pow(4, attempt - 1)), clock, ct).ConfigureAwait(false);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
            try
            {
                using var response = await http.GetAsync(file.Url, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    last = new HttpRequestException($"HTTP {(int)response.StatusCode}");
                    continue;
                }
                if (!response.IsSuccessStatusCode) return (UpdateOutcome.Refused, $"{file.Url} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
                if (response.Content.Headers.ContentLength is { } announced && announced > settings.MaxDownloadBytes)
                    return (UpdateOutcome.Refused, $"{file.Url} announces {announced:N0} bytes, above the {settings.MaxDownloadBytes:N0}-byte limit for one list; refused before downloading");
                await using var body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
                await using var output = File.Create(target);
                // Counted while streaming: a download that never ends stops at the limit, not when the disk is full.
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await body.ReadAsync(buffer, timeout.Token).ConfigureAwait(false)) > 0)
                {
                    if (output.Length + read > settings.MaxDownloadBytes)
                        return (UpdateOutcome.Refused, $"{file.Url} sent more than {settings.MaxDownloadBytes:N0} bytes, the limit for one list; the download was stopped and refused");
                    await output.WriteAsync(buffer.AsMemory(0, read), timeout.Token).ConfigureAwait(false);
                }
                if (response.Content.Headers.ContentLength is { } expected && output.Length != expected)
                    return (UpdateOutcome.Refused, $"{file.Url}: received {output.Length:N0} of {expected:N0} bytes; the download is truncated");
                return null;
            }
            catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
            {
                last = e;
            }
        }
        var why = last is OperationCanceledException ? $"no answer within {settings.TimeoutSeconds} s" : last?.Message;
        return (UpdateOutcome.Unreachable, $"{file.Url} could not be reached after {settings.Retries + 1} tries: {why}");
    }

    private async Task<UpdateReport> RecordAsync(ListSource source, string url, UpdateOutcome outcome, string message, SnapshotInfo? snapshot, CancellationToken ct)
    {
        var active = snapshot ?? await store.GetActiveAsync(source.Dataset, ct).ConfigureAwait(false);
        if (outcome is UpdateOutcome.Refused or UpdateOutcome.Unreachable && active is not null && !message.Contains("keeps serving", StringComparison.Ordinal))
            message += $"; snapshot {active.Id} keeps serving";
        await store.RecordAttemptAsync(new UpdateAttempt(source.Dataset, clock.GetUtcNow(), url, outcome, message, snapshot?.Id), ct).ConfigureAwait(false);
        return new UpdateReport(source.Dataset, outcome, message, active);
    }
}

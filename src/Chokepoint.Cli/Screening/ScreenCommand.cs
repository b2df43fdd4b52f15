using Chokepoint.Application.Screening;
using Chokepoint.Application.Monitoring;
using Chokepoint.Core.Identity;
using Chokepoint.Core.Values;
using System.CommandLine;
using System.Globalization;
using Chokepoint.Application.Lists;
using Chokepoint.Cli.Lists;
using Chokepoint.Core.Listings;
using Chokepoint.Core.Reading;
using Chokepoint.Core.Snapshots;
using Chokepoint.Matching.Screening;
using Chokepoint.Sources.Reading;
using Chokepoint.Sources.Snapshots;
using Chokepoint.Storage;

namespace Chokepoint.Cli.Screening;

/// <summary><c>chokepoint screen</c>: one party from options, or a file of parties in batch.</summary>
internal static class ScreenCommand
{
    public static Option<string?> KindOption() => new("--kind") { Description = "person, organization, vessel or aircraft" };

    public static Command Build()
    {
        var name = new Option<string?>("--name") { Description = "The party's name, in any script" };
        var kind = KindOption();
        var country = new Option<string?>("--country") { Description = "Country code or name (nationality, registration, address)" };
        var dob = new Option<string?>("--dob") { Description = "Date of birth: YYYY, YYYY-MM or YYYY-MM-DD" };
        var id = new Option<string?>("--id") { Description = "An identifier: passport, registration, tax number, IMO, SWIFT/BIC ..." };
        var lists = new Option<string?>("--lists") { Description = "Comma-separated datasets or source lists to screen against (default: all)" };
        var programmes = new Option<string?>("--programmes") { Description = "Comma-separated programmes to keep (default: all)" };
        var threshold = new Option<string?>("--threshold") { Description = "Lowest score reported, 0..1 (default 0.80)" };
        var limit = new Option<int?>("--limit") { Description = "Most hits per party (default 10)" };
        var asOf = new Option<string?>("--as-of") { Description = "Screen against the snapshots that served on this day, yyyy-MM-dd (what would we have flagged then?)" };
        var input = new Option<string?>("--input") { Description = "Parties to screen: .csv or .xlsx (columns name, kind, country, dob, id) or .jsonl" };
        var output = new Option<string?>("--output") { Description = "Hits file: .csv, .jsonl or .xlsx (default: CSV on standard output)" };
        var map = CliOptions.Map();
        var excel = new Option<bool>("--excel") { Description = "CSV for Excel: begin with a UTF-8 byte-order mark so names in every script open correctly" };
        var db = CliOptions.Db();
        var json = CliOptions.Json();
        var cmd = new Command("screen", "Screen a party (or a file of parties) against every loaded list.")
            { name, kind, country, dob, id, lists, programmes, threshold, limit, asOf, input, output, map, excel, db, json };
        cmd.SetAction((pr, ct) =>
        {
            // Bad options are named first, whatever the state of the database.
            var thresholdText = pr.GetValue(threshold);
            if (thresholdText is not null && !Score.TryParse(thresholdText, out _))
                return Task.FromResult(Output.Error($"--threshold '{thresholdText}' is not a score: give a number from 0 to 1, such as 0.85"));
            var options = new ScreenOptions
            {
                Threshold = thresholdText is null ? ScreenOptions.Default : Score.Parse(thresholdText),
                Limit = pr.GetValue(limit) ?? 10,
                Lists = Split(pr.GetValue(lists)),
                Programmes = Split(pr.GetValue(programmes)),
            };
            if (options.Limit < 1) return Task.FromResult(Output.Error("--limit must be at least 1"));
            if (pr.GetValue(input) is null && (pr.GetValue(map) is not null || pr.GetValue(excel)))
                return Task.FromResult(Output.Error("--map and --excel are for a file of parties (--input)"));
            EntityKind? k = null;
            if (pr.GetValue(kind) is { } kindText && (k = PartyKinds.TryParse(kindText)) is null)
                return Task.FromResult(Output.Error(PartyKinds.Unknown(kindText)));
            DateOnly? day = null;
            if (pr.GetValue(asOf) is { } dayText)
            {
                if (!DateOnly.TryParseExact(dayText, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d))
                    return Task.FromResult(Output.Error($"--as-of '{dayText}' is not a date in the form yyyy-MM-dd"));
                day = d;
            }
            return ListsCommands.WithStore(pr.GetValue(db), store => Run(pr, store, options, k, day, ct), existing: true);
        });
        return cmd;

        async Task<int> Run(ParseResult pr, ISnapshotStore store, ScreenOptions options, EntityKind? k, DateOnly? day, CancellationToken ct)
        {
            var screener = day is { } d ? await AsOfAsync(store, d, ct) : await LoadAsync(store, ct);
            if (screener is null) return Output.Error($"no list is loaded in {store.Description}; screening refuses to clear anyone. Run `chokepoint lists update` first.");
            // Every screening is on record, replayable with `chokepoint screenings replay ID`.
            await using var database = Chokepoint.Storage.Records.RecordDatabase.Open(pr.GetValue(db));
            var records = new ScreeningRecords(new Chokepoint.Licensing.Storage.LicensingStore(database, TimeProvider.System));
            if (pr.GetValue(input) is { } file)
            {
                var columns = pr.GetValue(map) is { } text ? ColumnMap.Parse(text, PartyRows.Columns) : null;
                return await BatchScreening.RunAsync(screener, new BatchFiles(file, pr.GetValue(output), pr.GetValue(excel), columns), options, records, ct);
            }
            var result = screener.Screen(new PartyQuery(pr.GetValue(name), k, pr.GetValue(country), pr.GetValue(dob), pr.GetValue(id)), options) with { ScreenedBy = Actor.Operator.Username };
            result = result with { ScreeningId = (await records.RecordAsync(Actor.Operator, "cli", [(options, result)], ct))[0] };
            if (pr.GetValue(json)) Output.Json(result);
            else Print(result, await store.ListAsync(activeOnly: false, ct));
            return 0;
        }
    }

    /// <summary>The screener on the store's active snapshots, or null when none is loaded (screening then refuses).</summary>
    internal static Task<Screener?> LoadAsync(ISnapshotStore store, CancellationToken ct) => ActiveLists.LoadAsync(store, ct);

    private static async Task<Screener?> AsOfAsync(ISnapshotStore store, DateOnly day, CancellationToken ct)
    {
        var snapshots = await ListsAsOf.SnapshotsAsync(store, day, ct);
        Console.Error.WriteLine($"as of {day:yyyy-MM-dd}: {string.Join(", ", snapshots.Select(s => $"{s.Dataset} snapshot {s.Id} ({s.Published:yyyy-MM-dd})"))}");
        var screener = new Screener();
        screener.Load(await ActiveIndex.BuildAsync(store, snapshots.Select(s => s.Id.Value), ct));
        return screener;
    }

    private static string[] Split(string? csv) => csv?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    private static void Print(ScreenResult result, IReadOnlyList<SnapshotInfo> snapshots)
    {
        Console.Error.WriteLine($"screening {result.ScreeningId} on record");
        var against = $"against {Report.Versions(snapshots, result.Snapshots)}";
        if (result.Hits.Count == 0)
        {
            Output.Paragraph($"no hit at or above the threshold, screened {against}", "  ");
            return;
        }
        Output.Paragraph($"{result.Hits.Count} hit(s), screened {against}", "  ");
        Output.Table(
            [new("#", Right: true), new("score", Right: true), new("match"), new("list"), new("entry"), new("kind", WideOnly: true), new("name"), new("programmes")],
            result.Hits.Select((h, i) => (IReadOnlyList<string>)
                [(i + 1).ToString(CultureInfo.InvariantCulture), h.Score.ToString("0.00", CultureInfo.InvariantCulture), HitWords.Band(h.Score), h.List, h.EntityId, h.Kind.ToString(), h.Name, string.Join(", ", h.Programmes)]));
        Console.Out.WriteLine();
        for (var i = 0; i < result.Hits.Count; i++) Output.Paragraph($"{i + 1,2}  {HitWords.Of(result.Hits[i])}");
    }
}

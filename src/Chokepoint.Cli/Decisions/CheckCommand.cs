using Chokepoint.Core.Identity;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Chokepoint.Application.Decisions;
using Chokepoint.Application.Goods;
using Chokepoint.Cli.Lists;
using Chokepoint.Cli.Screening;
using Chokepoint.Core.Reading;
using Chokepoint.Rules.Decisions;
using Chokepoint.Rules.Goods;
using Chokepoint.Rules.Shipments;
using Chokepoint.Sources.Reading;

namespace Chokepoint.Cli.Decisions;

/// <summary><c>chokepoint check</c>: decide one shipment, or a JSONL file of them, against the loaded lists and rules.</summary>
internal static class CheckCommand
{
    public static Command Build()
    {
        var file = new Argument<string?>("shipment") { Description = "A shipment JSON file (docs/shipment.schema.json)", Arity = ArgumentArity.ZeroOrOne };
        var input = new Option<string?>("--input") { Description = "Shipments to decide, one JSON object per line (.jsonl)" };
        var output = new Option<string?>("--output") { Description = "Decisions file (.jsonl), one per input line; default: standard output" };
        var licences = new Option<string?>("--licences") { Description = "A JSON file of licences the shipments may reference (docs/examples/licences.json)" };
        var date = new Option<string?>("--date") { Description = "Evaluation date for shipments that state none, yyyy-MM-dd (default: today)" };
        var data = GoodsData.Option();
        var db = CliOptions.Db();
        var json = CliOptions.Json();
        var cmd = new Command("check", "Decide a shipment under CN, EU and US rules: PROHIBITED, LICENCE_REQUIRED, HOLD_FOR_REVIEW or CLEAR.")
            { file, input, output, licences, date, data, db, json };
        cmd.SetAction((pr, ct) => ListsCommands.WithStore(pr.GetValue(db), async store =>
        {
            if (pr.GetValue(file) is null == pr.GetValue(input) is null) return Output.Error("give either a shipment file or --input shipments.jsonl");
            if (Day(pr.GetValue(date)) is not { } day) return Output.Error("--date must be yyyy-MM-dd");
            ILicenceBook book;
            try { book = pr.GetValue(licences) is { } l ? DecisionDesk.LicencesFromFile(l) : LicenceList.Empty; }
            catch (Exception e) when (e is JsonException or IOException) { return Output.Error($"cannot read the licences file: {e.Message}"); }
            var screener = await ScreenCommand.LoadAsync(store, ct);
            if (screener is null) return Output.Error($"no list is loaded in {store.Description}; no shipment can be cleared. Run `chokepoint lists update` first.");
            await using var database = Chokepoint.Storage.Records.RecordDatabase.Open(pr.GetValue(db));
            var records = new ClassificationRecords(database);
            await records.EnsureSchemaAsync(ct);
            var desk = new DecisionDesk(screener, pr.GetValue(data), book, records, TimeProvider.System,
                new Chokepoint.Application.Monitoring.ScreeningRecords(new Chokepoint.Licensing.Storage.LicensingStore(database, TimeProvider.System)));
            DecisionEngine engine;
            try { engine = desk.Engine(); }
            catch (Exception e) when (e is ListFormatException or DirectoryNotFoundException) { return Output.Error(e.Message); }
            if (pr.GetValue(input) is { } jsonl) return await BatchAsync(desk, engine, records, jsonl, pr.GetValue(output), day, ct);
            try
            {
                var path = pr.GetValue(file)!;
                if (!File.Exists(path)) return Output.Error($"no such file: {path}");
                if (new FileInfo(path).Length > ShipmentJson.MaxBytes) return Output.Error($"{path} is larger than {ShipmentJson.MaxBytes:N0} bytes; one shipment is never that large (use --input for many).");
                string text;
                try { text = new System.Text.UTF8Encoding(false, true).GetString(await File.ReadAllBytesAsync(path, ct)); }
                catch (System.Text.DecoderFallbackException) { return Output.Error($"{path} is not valid UTF-8: save the shipment as UTF-8 JSON."); }
                var decision = await desk.CheckAsync(ShipmentJson.Parse(text.TrimStart('\uFEFF')), Actor.Operator, ct, day);
                if (pr.GetValue(json)) Output.Json(decision);
                else Print(decision, await store.ListAsync(activeOnly: false, ct));
                return 0;
            }
            catch (ShipmentException e) { return Output.Error(e.Message); }
        }, existing: true));
        return cmd;
    }

    internal static DateOnly? Day(string? text) =>
        text is null ? ShipmentCheck.Today(TimeProvider.System)
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>Decides every line, a block of lines at a time on every core, written in input order; a line that
    /// cannot be decided gets an error record at its line number, never a silent drop. The output is written to a
    /// temporary file and moved into place at the end, so a run that breaks leaves none.</summary>
    private static async Task<int> BatchAsync(DecisionDesk desk, DecisionEngine engine, ClassificationRecords records, string input, string? output, DateOnly day, CancellationToken ct)
    {
        const int Block = 1000;
        if (!File.Exists(input)) return Output.Error($"no such file: {input}");
        var temp = output is null ? null : output + ".partial";
        var (decided, failed, line) = (0, 0, 0);
        try
        {
            using (var reader = TextSources.Open(input, TextSources.StrictUtf8))
            await using (var writer = temp is null ? Console.Out : new StreamWriter(temp, false, new System.Text.UTF8Encoding(false)))
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var block = new List<(int Line, string Text)>(Block);
                while (true)
                {
                    var text = await reader.ReadLineAsync(ct);
                    if (text is not null)
                    {
                        line++;
                        if (!string.IsNullOrWhiteSpace(text)) block.Add((line, text));
                        if (block.Count < Block) continue;
                    }
                    foreach (var (record, ok) in await DecideAsync(desk, engine, records, input, block, day, ct))
                    {
                        await writer.WriteLineAsync(record);
                        if (ok) decided++; else failed++;
                    }
                    block.Clear();
                    if (text is null) break;
                    if (line % (10 * Block) < Block) Console.Error.WriteLine($"  {line:N0} lines, {line / watch.Elapsed.TotalSeconds:N0}/s");
                }
            }
            if (temp is not null) File.Move(temp, output!, overwrite: true);
        }
        finally
        {
            if (temp is not null && File.Exists(temp)) File.Delete(temp);
        }
        Console.Error.WriteLine($"{decided:N0} shipments decided, {failed:N0} refused (see their error records)");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>One block: parse and decide in parallel, classification records looked up in between, the parties'
    /// screenings put on record; results in input order.</summary>
    private static async Task<(string Record, bool Ok)[]> DecideAsync(DecisionDesk desk, DecisionEngine engine, ClassificationRecords records, string input,
        List<(int Line, string Text)> block, DateOnly day, CancellationToken ct)
    {
        var results = new (string Record, bool Ok)[block.Count];
        var shipments = new Shipment?[block.Count];
        string Error(int i, Exception e) => JsonSerializer.Serialize(new { line = block[i].Line, error = e.Message }, ShipmentJson.Options);
        Parallel.For(0, block.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            try
            {
                TextSources.CheckLine(block[i].Text, input, block[i].Line, TextSources.StrictUtf8);
                shipments[i] = ShipmentJson.Parse(block[i].Text);
            }
            catch (Exception e) when (e is ShipmentException or ListFormatException) { results[i] = (Error(i, e), false); }
        });
        for (var i = 0; i < block.Count; i++)
        {
            if (shipments[i] is not { } s) continue;
            try { shipments[i] = await records.ApplyAsync(s, ct); }
            catch (ShipmentException e) { (shipments[i], results[i]) = (null, (Error(i, e), false)); }
        }
        var decisions = new ShipmentDecision?[block.Count];
        Parallel.For(0, block.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            if (shipments[i] is not { } s) return;
            try { decisions[i] = engine.Decide(s with { EvaluationDate = s.EvaluationDate ?? day }) with { DecidedBy = Actor.Operator.Username }; }
            catch (ShipmentException e) { results[i] = (Error(i, e), false); }
        });
        var decided = Enumerable.Range(0, block.Count).Where(i => decisions[i] is not null).ToList();
        var recorded = await desk.RecordAsync([.. decided.Select(i => decisions[i]!)], Actor.Operator, ct);
        for (var k = 0; k < decided.Count; k++)
            results[decided[k]] = (JsonSerializer.Serialize(new { line = block[decided[k]].Line, decision = recorded[k] }, ShipmentJson.Options), true);
        return results;
    }

    private static void Print(ShipmentDecision d, IReadOnlyList<Chokepoint.Core.Snapshots.SnapshotInfo> snapshots)
    {
        Output.Paragraph($"{d.Decision.Name()}  (shipment {d.ShipmentId ?? "-"}, as of {d.EvaluationDate:yyyy-MM-dd}, rule data {d.RuleDataVersion})", "  ");
        foreach (var j in d.Jurisdictions)
        {
            Output.Paragraph($"  {j.Jurisdiction}: {j.Decision.Name()}{(j.Basis is null ? "" : $" ({j.Basis})")}");
            foreach (var r in j.Reasons) Output.Paragraph($"    {r.Rule} [{r.Effect.Name()}] {r.Message}", "        ");
            foreach (var b in j.LegalBasis) Output.Paragraph($"    basis: {b}", "        ");
        }
        foreach (var f in d.RedFlags) Output.Paragraph($"  red flag {f.Id}: {f.Message}", "      ");
        foreach (var o in d.Obligations) Output.Paragraph($"  obligation {o.Id}: {o.Text}", "      ");
        foreach (var l in d.Licences) Output.Paragraph($"  licence {l.Licence}: {l.Message}", "      ");
        if (d.NotEvaluated.Count > 0) Console.Out.WriteLine("  not evaluated, for want of:");
        foreach (var n in d.NotEvaluated) Output.Paragraph($"    {n.Id}: {n.Missing}", "        ");
        Console.Out.WriteLine("  parties screened:");
        Output.Table([new("    party"), new("roles"), new("screening", Right: true), new("hit"), new("score", Right: true), new("confirmed")],
            d.Screening.SelectMany((p, i) => PartyRows(p, d.ScreeningIds is { } ids && i < ids.Count ? ids[i] : null)));
        Output.Paragraph($"  versions: rule data {d.RuleDataVersion}; {Report.Versions(snapshots, d.ListSnapshots)}");
    }

    /// <summary>A party's rows: one per hit, or one saying it has none (so a cleared party is seen to be screened).</summary>
    private static IEnumerable<IReadOnlyList<string>> PartyRows(PartyScreening p, long? screening)
    {
        var id = screening?.ToString(CultureInfo.InvariantCulture) ?? "";
        if (p.Hits.Count == 0) yield return ["    " + p.Party, string.Join(", ", p.Roles), id, "no hit", "", ""];
        foreach (var h in p.Hits)
            yield return ["    " + p.Party, string.Join(", ", p.Roles), id, $"{h.List}:{h.EntityId} {h.Name}", h.Score.ToString("0.00", CultureInfo.InvariantCulture), h.Confirmed ? "yes" : "no: review"];
    }
}

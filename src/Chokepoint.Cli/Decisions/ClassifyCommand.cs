using System.CommandLine;
using Chokepoint.Application.Goods;
using Chokepoint.Core.Reading;
using Chokepoint.Rules.Goods;
using Chokepoint.Rules.RuleData;
using Chokepoint.Sources.Reading;

namespace Chokepoint.Cli.Decisions;

/// <summary><c>chokepoint classify</c>: the classification assistant from an HS/CN code or a description.</summary>
internal static class ClassifyCommand
{
    public static Command Build()
    {
        var hs = new Option<string?>("--hs") { Description = "HS, CN or Chinese tariff code (\"8457.10\", \"8407101010\")" };
        var text = new Option<string?>("--text") { Description = "A description of the item" };
        var yes = new Option<string[]>("--yes") { Description = "Provisions the item meets (dotted codes), as answers to the questions", AllowMultipleArgumentsPerToken = true };
        var no = new Option<string[]>("--no") { Description = "Provisions the item does not meet", AllowMultipleArgumentsPerToken = true };
        var date = new Option<string?>("--date") { Description = "Apply the rule data as of this day, yyyy-MM-dd (default: today)" };
        var confirm = new Option<string?>("--confirm") { Description = "Record a confirmed classification under this dotted code (needs --item, --rationale, --assessor)" };
        var item = new Option<string?>("--item") { Description = "The item a confirmed classification is for" };
        var rationale = new Option<string?>("--rationale") { Description = "Why the item meets the provision" };
        var assessor = new Option<string?>("--assessor") { Description = "Who assessed it" };
        var changed = new Option<bool>("--changed") { Description = "List confirmed classifications whose cited Annex I entry changed in the current list version" };
        var data = GoodsData.Option();
        var db = CliOptions.Db();
        var json = CliOptions.Json();
        var cmd = new Command("classify", "Find the nomenclature entry, CHPL tier and candidate Annex I entries of an item; record and review confirmed classifications.")
            { hs, text, yes, no, date, confirm, item, rationale, assessor, changed, data, db, json };
        cmd.SetAction(async (pr, ct) =>
        {
            if (CheckCommand.Day(pr.GetValue(date)) is not { } day) return Output.Error("--date must be yyyy-MM-dd");
            if (pr.GetValue(confirm) is not null || pr.GetValue(changed))
                return await RecordsAsync(pr.GetValue(db), pr.GetValue(data), pr.GetValue(confirm), pr.GetValue(item), pr.GetValue(hs), pr.GetValue(rationale), pr.GetValue(assessor), day, pr.GetValue(json), ct);
            if (pr.GetValue(hs) is null && pr.GetValue(text) is null) return Output.Error("give --hs CODE or --text \"description\"");
            try
            {
                var answers = new Dictionary<string, bool>(StringComparer.Ordinal);
                foreach (var p in pr.GetValue(yes) ?? []) answers[p] = true;
                foreach (var p in pr.GetValue(no) ?? []) answers[p] = false;
                var classifier = new Classifier(GoodsReference.LoadFrom(pr.GetValue(data)), RuleBook.Default);
                var result = classifier.Classify(new ClassificationRequest(pr.GetValue(hs), pr.GetValue(text), answers), day);
                if (pr.GetValue(json)) Output.Json(result);
                else Print(result);
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or ListFormatException or DirectoryNotFoundException)
            {
                return Output.Error(e.Message);
            }
        });
        return cmd;
    }

    private static async Task<int> RecordsAsync(string? db, string? data, string? code, string? item, string? hs, string? rationale, string? assessor, DateOnly day, bool json, CancellationToken ct)
    {
        try
        {
            var annex = GoodsReference.LoadFrom(data).AnnexI;
            await using var database = Chokepoint.Storage.Records.RecordDatabase.Open(db);
            var records = new ClassificationRecords(database);
            await records.EnsureSchemaAsync(ct);
            if (code is not null)
            {
                var record = await records.ConfirmAsync(annex, item ?? "", hs, code, rationale ?? "", assessor ?? "", day, ct);
                if (json) Output.Json(record);
                else Console.Out.WriteLine($"classification {record.Id} recorded: {record.Item} = {record.Code} ({record.ListVersion}), citing \"{record.Citation}\"");
                return 0;
            }
            var changed = await records.ChangedAsync(annex, ct);
            if (json) Output.Json(changed);
            else if (changed.Count == 0) Console.Out.WriteLine($"no confirmed classification cites an entry that changed in {annex.Version}");
            else foreach (var c in changed) Console.Out.WriteLine($"classification {c.Record.Id} ({c.Record.Item}, {c.Record.Code}): {c.Why}");
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or ListFormatException or DirectoryNotFoundException or Chokepoint.Storage.StoreException)
        {
            return Output.Error(e.Message);
        }
    }

    private static void Print(Classification c)
    {
        Console.Out.WriteLine($"{c.Outcome.ToString().ToUpperInvariant()}{(c.Code is null ? "" : " " + c.Code)}: {c.Message}");
        foreach (var e in c.Nomenclature) Console.Out.WriteLine($"  {e.Edition,-8} {e.Code,-10} {e.Description}");
        if (c.ChplTier is not null) Console.Out.WriteLine($"  CHPL Tier {c.ChplTier}");
        foreach (var r in c.RussiaControls) Console.Out.WriteLine($"  Russia ({r.Regime}): {r.Text}");
        foreach (var e in c.CnCatalogue) Console.Out.WriteLine($"  PRC catalogue (unverified): {e.ControlCode}");
        foreach (var cand in c.Candidates)
        {
            Console.Out.WriteLine($"  candidate {cand.Code} ({cand.Score:0.00}): {cand.Quote.Path} \"{cand.Quote.Text}\"");
            foreach (var q in cand.Questions) Console.Out.WriteLine($"    ? {q.Path}: {q.Provision}");
        }
        foreach (var r in c.RuledOut) Console.Out.WriteLine($"  ruled out {r}");
    }
}

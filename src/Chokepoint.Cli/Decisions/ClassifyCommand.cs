using System.CommandLine;
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
        var data = GoodsData.Option();
        var json = CliOptions.Json();
        var cmd = new Command("classify", "Find the nomenclature entry, CHPL tier and candidate Annex I entries of an item.") { hs, text, yes, no, date, data, json };
        cmd.SetAction(pr =>
        {
            if (pr.GetValue(hs) is null && pr.GetValue(text) is null) return Output.Error("give --hs CODE or --text \"description\"");
            if (CheckCommand.Day(pr.GetValue(date)) is not { } day) return Output.Error("--date must be yyyy-MM-dd");
            try
            {
                var answers = new Dictionary<string, bool>(StringComparer.Ordinal);
                foreach (var p in pr.GetValue(yes) ?? []) answers[p] = true;
                foreach (var p in pr.GetValue(no) ?? []) answers[p] = false;
                var classifier = new Classifier(GoodsData.Load(pr.GetValue(data)), RuleBook.Default);
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

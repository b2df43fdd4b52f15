using System.CommandLine;
using Chokepoint.Core.Listings;
using Chokepoint.Matching.Screening;

namespace Chokepoint.Cli.Screening;

/// <summary><c>chokepoint compare</c>: score two names with the screening name logic, for calibration.</summary>
internal static class CompareCommand
{
    public static Command Build()
    {
        var a = new Argument<string?>("NAME1") { Description = "First name", Arity = ArgumentArity.ZeroOrOne };
        var b = new Argument<string?>("NAME2") { Description = "Second name", Arity = ArgumentArity.ZeroOrOne };
        var kind = ScreenCommand.KindOption();
        var input = new Option<string?>("--input") { Description = "CSV with columns name1, name2 and optionally kind" };
        var output = new Option<string?>("--output") { Description = "CSV to write, with a score and notes column added" };
        var json = CliOptions.Json();
        var cmd = new Command("compare", "Score two names (or a CSV of pairs) with the same logic screening uses.") { a, b, kind, input, output, json };
        cmd.SetAction(async (pr, ct) =>
        {
            try
            {
                if (pr.GetValue(input) is { } file)
                    return await PairsFile.CompareAsync(file, pr.GetValue(output), ct);
                if (pr.GetValue(a) is not { } n1 || pr.GetValue(b) is not { } n2)
                    return Output.Error("give two names, or --input pairs.csv");
                var k = PartyKinds.Parse(pr.GetValue(kind));
                var m = Screener.Compare(n1, n2, k);
                if (pr.GetValue(json)) Output.Json(new { name1 = n1, name2 = n2, kind = k, score = Math.Round(m.Score, 4), notes = m.Notes });
                else Console.Out.WriteLine($"{m.Score:F4}  {string.Join(", ", m.Notes)}");
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or Chokepoint.Sources.Reading.ListFormatException)
            {
                return Output.Error(e.Message);
            }
        });
        return cmd;
    }
}

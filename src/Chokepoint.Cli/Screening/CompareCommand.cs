using System.CommandLine;
using Chokepoint.Matching.Indexing;
using Chokepoint.Matching.Screening;
using Chokepoint.Storage;

namespace Chokepoint.Cli.Screening;

/// <summary><c>chokepoint compare</c>: score a name against another exactly as screening scores a query against a
/// listed name, with the loaded lists' word weights, for calibration.</summary>
internal static class CompareCommand
{
    public static Command Build()
    {
        var a = new Argument<string?>("NAME1") { Description = "The name as a query would give it", Arity = ArgumentArity.ZeroOrOne };
        var b = new Argument<string?>("NAME2") { Description = "The name as a list would give it", Arity = ArgumentArity.ZeroOrOne };
        var kind = ScreenCommand.KindOption();
        var input = new Option<string?>("--input") { Description = "CSV with columns name1, name2 and optionally kind" };
        var output = new Option<string?>("--output") { Description = "CSV to write, with a score and notes column added" };
        var db = CliOptions.Db();
        var json = CliOptions.Json();
        var cmd = new Command("compare", "Score a name against another as screening does (the loaded lists weigh the words).") { a, b, kind, input, output, db, json };
        cmd.SetAction(async (pr, ct) =>
        {
            try
            {
                var file = pr.GetValue(input);
                if (file is null && (pr.GetValue(a) is null || pr.GetValue(b) is null))
                    return Output.Error("give two names, or --input pairs.csv");
                var k = PartyKinds.Parse(pr.GetValue(kind));
                var index = await LoadAsync(pr.GetValue(db), ct);
                var weights = index is null ? "uniform" : "lists";
                int code;
                if (file is not null) code = await PairsFile.CompareAsync(index, file, pr.GetValue(output), ct);
                else
                {
                    var (n1, n2) = (pr.GetValue(a)!, pr.GetValue(b)!);
                    var m = Screener.Compare(index, n1, n2, k);
                    if (pr.GetValue(json)) Output.Json(new { name1 = n1, name2 = n2, kind = k, score = Math.Round(m.Score, 4), notes = m.Notes, weights });
                    else Console.Out.WriteLine($"{m.Score:F4}  {string.Join(", ", m.Notes)}");
                    code = 0;
                }
                if (index is null)
                    Console.Error.WriteLine("note: no list is loaded, so every word weighed the same; screening weighs words by how rare they are in the lists, and its scores differ. Give --db with lists to score as screening does.");
                return code;
            }
            catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or StoreException or Chokepoint.Core.Reading.ListFormatException)
            {
                return Output.Error(e.Message);
            }
        });
        return cmd;
    }

    /// <summary>The index over the database's active lists; null when the database does not exist or holds none.</summary>
    private static async Task<ScreeningIndex?> LoadAsync(string? db, CancellationToken ct)
    {
        ISnapshotStore store;
        try
        {
            store = await SnapshotStores.OpenAsync(db, ct, existing: true);
        }
        catch (StoreException) when (!SnapshotStores.IsPostgres(db ?? Environment.GetEnvironmentVariable(SnapshotStores.EnvironmentVariable) ?? ""))
        {
            return null; // no database file: compare still works, with uniform weights, and says so
        }
        await using (store) return (await ScreenCommand.LoadAsync(store, ct))?.Index;
    }
}

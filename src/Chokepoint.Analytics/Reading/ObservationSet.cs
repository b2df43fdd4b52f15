using Chokepoint.Analytics.Model;
using Chokepoint.Core.Reading;

namespace Chokepoint.Analytics.Reading;

/// <summary>The figures of one file, one per reporter, partner, flow, product and period. A row that repeats another
/// with the same figure (a month downloaded twice) is dropped and counted; one that repeats it with another figure is
/// refused with both lines, since either could be the right one.</summary>
internal sealed class ObservationSet(string path)
{
    private readonly Dictionary<(string, string, TradeFlow, string, int), (TradeObservation Obs, long Line)> _seen = [];

    public int Repeated { get; private set; }

    public void Add(TradeObservation o, long line)
    {
        var key = (o.Reporter.Code, o.Partner.Code, o.Flow, o.Product.Code, o.Period.Key);
        if (_seen.TryGetValue(key, out var before))
        {
            if (before.Obs == o) { Repeated++; return; }
            throw new ListFormatException(path, ListFormatException.Line(line),
                $"{o.Reporter} {o.Flow.Word()} {o.Partner} {o.Product} {o.Period} is {o.Value:R} here and {before.Obs.Value:R} on line {before.Line}");
        }
        _seen.Add(key, (o, line));
    }

    public IReadOnlyList<TradeObservation> Observations => [.. _seen.Values.Select(v => v.Obs)];

    public List<string> Notes(IReadOnlyList<long> windows1252Lines)
    {
        var notes = new List<string>();
        if (Repeated > 0) notes.Add($"{Repeated} row(s) repeated another with the same figure and were counted once.");
        if (windows1252Lines.Count > 0) notes.Add($"{windows1252Lines.Count} line(s) were not UTF-8 and were read as Windows-1252: line {StatisticsText.Lines(windows1252Lines)}.");
        return notes;
    }
}

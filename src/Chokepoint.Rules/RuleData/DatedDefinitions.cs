namespace Chokepoint.Rules.RuleData;

/// <summary>
/// The rows of a dated table by id, in date order. Refused at load where two rows of an id are in force on one day
/// (which basis would apply?) or name different jurisdictions. An id the table does not define is an error, never "not
/// in force": a misspelt id would otherwise switch a rule off unseen.
/// </summary>
internal sealed class DatedDefinitions<T> where T : IDatedDefinition
{
    private readonly string _table;
    private readonly Dictionary<string, T[]> _byId;

    public DatedDefinitions(string table, IEnumerable<T> rows)
    {
        _table = table;
        _byId = rows.GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Ordered(g), StringComparer.Ordinal);
    }

    public IEnumerable<T> All => _byId.Values.SelectMany(r => r);

    public T? On(string id, DateOnly day)
    {
        foreach (var row in Rows(id)) if (row.Validity.Contains(day)) return row;
        return default;
    }

    public T[] Rows(string id) =>
        _byId.TryGetValue(id, out var rows) ? rows : throw new InvalidOperationException($"{id} is not defined in {_table}.");

    private T[] Ordered(IEnumerable<T> rows)
    {
        var ordered = rows.OrderBy(r => r.Validity.From).ToArray();
        for (var i = 1; i < ordered.Length; i++)
        {
            var (before, after) = (ordered[i - 1], ordered[i]);
            if (before.Validity.To is not { } end || end > after.Validity.From)
                throw new InvalidOperationException($"{_table}: {after.Id} has two rows in force together ({before.Validity} and {after.Validity}).");
            if (before.Jurisdiction != after.Jurisdiction)
                throw new InvalidOperationException($"{_table}: {after.Id} has rows for {before.Jurisdiction} and {after.Jurisdiction}.");
        }
        return ordered;
    }
}

namespace Chokepoint.Matching.Indexing;

/// <summary>
/// Per-thread sums over a dense id range (names, tokens), reset after use by walking the ids touched: several
/// times faster than a dictionary on the hot path, and allocation-free once warm. One instance per number type and
/// thread, so the name weights (float) and the trigram counts (int) can be in use at once.
/// </summary>
internal sealed class Tally<T> where T : struct, System.Numerics.INumber<T>
{
    [ThreadStatic] private static Tally<T>? _current;
    private T[] _values = [];
    private readonly List<int> _touched = new(4096);

    public static Tally<T> For(int size)
    {
        var s = _current ??= new Tally<T>();
        if (s._values.Length < size) s._values = new T[size];
        return s;
    }

    public List<int> Touched => _touched;

    public T this[int id] => _values[id];

    public void Add(int id, T amount)
    {
        if (amount <= T.Zero) return;
        if (_values[id] == T.Zero) _touched.Add(id);
        _values[id] += amount;
    }

    public void Clear()
    {
        foreach (var n in _touched) _values[n] = T.Zero;
        _touched.Clear();
    }
}

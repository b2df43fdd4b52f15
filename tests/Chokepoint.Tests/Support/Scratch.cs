namespace Chokepoint.Tests.Support;

/// <summary>A temporary folder for one test, deleted afterwards.</summary>
public sealed class Scratch : IDisposable
{
    public Scratch() => Dir = Directory.CreateTempSubdirectory("chokepoint-test-").FullName;

    public string Dir { get; }

    public string Path(string name) => System.IO.Path.Combine(Dir, name);

    public string Write(string name, string text)
    {
        var p = Path(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(p)!);
        File.WriteAllText(p, text);
        return p;
    }

    public string Write(string name, byte[] bytes)
    {
        var p = Path(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(p)!);
        File.WriteAllBytes(p, bytes);
        return p;
    }

    /// <summary>The first <paramref name="fraction"/> of a real file's bytes: a download cut off part-way.</summary>
    public string Truncated(string name, string source, double fraction)
    {
        var bytes = File.ReadAllBytes(source);
        return Write(name, bytes[..(int)(bytes.Length * fraction)]);
    }

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}

namespace Chokepoint.Tests.Support;

/// <summary>Folders of this checkout, found from the test's own output folder.</summary>
public static class RepoPaths
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Chokepoint.slnx"))) return dir.FullName;
            throw new InvalidOperationException("Chokepoint.slnx not found above the test's folder.");
        }
    }

    public static string Src => Path.Combine(Root, "src");
}

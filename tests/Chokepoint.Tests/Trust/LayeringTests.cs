using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Chokepoint.Tests.Trust;

/// <summary>The layers as docs/decisions/0010 draws them, read from the projects and the sources themselves: a new
/// reference that crosses them fails here, not in review.</summary>
public sealed partial class LayeringTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Core"] = [],
        ["Matching"] = ["Core"],
        ["Storage"] = ["Core"],
        ["Sources"] = ["Core", "Storage"],
        ["Rules"] = ["Core", "Matching"],
        ["Licensing"] = ["Core", "Storage", "Rules"],
        ["Analytics"] = ["Core", "Storage"],
        ["Application"] = ["Core", "Storage", "Matching", "Sources", "Rules", "Licensing", "Analytics"],
        ["Cli"] = ["Application"],
        ["Server"] = ["Application"],
    };

    private static string Src => Support.RepoPaths.Src;

    [Fact]
    public void Every_project_references_only_the_layers_below_it()
    {
        var projects = Directory.GetDirectories(Src, "Chokepoint.*").Select(d => Path.GetFileName(d)["Chokepoint.".Length..]).ToList();
        Assert.Equal(Allowed.Keys.Order(), projects.Order());
        foreach (var project in projects)
        {
            var csproj = XDocument.Load(Path.Combine(Src, $"Chokepoint.{project}", $"Chokepoint.{project}.csproj"));
            var references = csproj.Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value)["Chokepoint.".Length..]).Order().ToList();
            Assert.True(Allowed[project].Order().SequenceEqual(references), $"{project} references {string.Join(", ", references)}; allowed: {string.Join(", ", Allowed[project])}");
            var web = csproj.Descendants("FrameworkReference").Any(r => r.Attribute("Include")?.Value == "Microsoft.AspNetCore.App")
                || csproj.Root!.Attribute("Sdk")?.Value == "Microsoft.NET.Sdk.Web";
            Assert.True(!web || project == "Server", $"{project} pulls in ASP.NET Core; only the server is a web host");
        }
    }

    [Fact]
    public void Readers_know_only_the_core()
    {
        // A publisher's folder and Reading/ hold the readers; Snapshots/ and Updates/ import what they read.
        var sources = Path.Combine(Src, "Chokepoint.Sources");
        var readers = Directory.EnumerateFiles(sources, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) is not ("Snapshots" or "Updates"));
        foreach (var file in readers)
            foreach (Match m in Using().Matches(File.ReadAllText(file)))
                Assert.True(m.Groups[1].Value is "Core" or "Sources", $"{Path.GetRelativePath(sources, file)} uses Chokepoint.{m.Groups[1].Value}");
    }

    [GeneratedRegex(@"\bChokepoint\.(\w+)")]
    private static partial Regex Using();
}

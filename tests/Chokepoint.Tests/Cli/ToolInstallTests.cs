using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Cli;

/// <summary>The command line as users install it: packed by scripts/pack, installed as a .NET tool into a tool
/// folder of its own, and run from there.</summary>
public sealed class ToolInstallTests
{
    [Fact]
    public async Task The_packed_tool_installs_tells_its_version_and_screens()
    {
        using var scratch = new Scratch();
        var packages = scratch.Path("artifacts");
        var pack = await ChokepointCli.RunProgramAsync("bash", [Path.Combine(RepoPaths.Root, "scripts", "pack"), packages], null, "", TimeSpan.FromMinutes(5));
        Assert.True(pack.Code == 0, pack.Out + pack.Err);
        var package = Assert.Single(Directory.GetFiles(packages, "chokepoint.*.nupkg"));
        var version = Path.GetFileNameWithoutExtension(package)["chokepoint.".Length..];

        // Only the folder packed into is a source: the tool must install from it alone, with no feed to fall back on.
        var config = scratch.Write("nuget.config", $"<configuration><packageSources><clear /><add key=\"local\" value=\"{packages}\" /></packageSources></configuration>");
        var tools = scratch.Path("tools");
        var install = await ChokepointCli.RunProgramAsync("dotnet", ["tool", "install", "--tool-path", tools, "--configfile", config, "--version", version, "chokepoint"],
            null, "", TimeSpan.FromMinutes(3), folder: scratch.Path("."));
        Assert.True(install.Code == 0, install.Out + install.Err);
        var tool = Path.Combine(tools, "chokepoint");

        var told = await ChokepointCli.RunProgramAsync(tool, ["--version"], null, "", TimeSpan.FromMinutes(1));
        Assert.Equal(0, told.Code);
        Assert.StartsWith(version, told.Out.Trim(), StringComparison.Ordinal);

        var db = scratch.Path("tool.db");
        var imported = await ChokepointCli.RunProgramAsync(tool, ["lists", "import", TestData.File(TestData.Un), "--db", db], null, "", TimeSpan.FromMinutes(2));
        Assert.True(imported.Code == 0, imported.Err);
        var screened = await ChokepointCli.RunProgramAsync(tool, ["screen", "--name", "Умаров Доку Хаматович", "--kind", "person", "--db", db], null, "", TimeSpan.FromMinutes(1));
        Assert.True(screened.Code == 0, screened.Err);
        Assert.Contains("2960872", screened.Out, StringComparison.Ordinal);
    }
}

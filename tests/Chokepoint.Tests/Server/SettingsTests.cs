using System.Reflection;
using Chokepoint.Server;
using Chokepoint.Server.Workplace;
using Chokepoint.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Chokepoint.Tests.Server;

/// <summary>The server's appsettings.json documents every setting, with its environment-variable form, and its
/// values are the code's own defaults (so that it documents, and changes nothing).</summary>
public sealed class SettingsTests
{
    private static readonly string File = Path.Combine(RepoPaths.Src, "Chokepoint.Server", "appsettings.json");

    [Fact]
    public void Every_setting_is_documented_with_its_environment_variable()
    {
        var text = System.IO.File.ReadAllText(File);
        var missing = Paths(typeof(ServerOptions), "Chokepoint").Concat(Paths(typeof(WorkplaceOptions), "Chokepoint__Workplace"))
            .Where(path => !text.Contains(path, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "not documented: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_documented_values_are_the_defaults()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(File).Build();
        var bound = configuration.GetSection("Chokepoint").Get<ServerOptions>()!;
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(new ServerOptions()), System.Text.Json.JsonSerializer.Serialize(bound));
        var workplace = configuration.GetSection("Chokepoint:Workplace").Get<WorkplaceOptions>()!;
        Assert.Equal(new WorkplaceOptions().ListOldAfterDays, workplace.ListOldAfterDays);
    }

    [Fact]
    public void The_file_is_beside_the_server_program()
    {
        var program = Path.GetDirectoryName(typeof(ServerOptions).Assembly.Location)!;
        Assert.True(System.IO.File.Exists(Path.Combine(program, "appsettings.json")), program);
    }

    [Fact]
    public void The_compose_file_and_the_dockerfile_hold_together()
    {
        // No container runs here; the files are parsed (as docker compose config would) and held to the code.
        var root = RepoPaths.Root;
        var yaml = new YamlDotNet.RepresentationModel.YamlStream();
        using (var reader = new StreamReader(Path.Combine(root, "compose.yaml"))) yaml.Load(reader);
        var services = (YamlDotNet.RepresentationModel.YamlMappingNode)((YamlDotNet.RepresentationModel.YamlMappingNode)yaml.Documents[0].RootNode)["services"];
        var server = (YamlDotNet.RepresentationModel.YamlMappingNode)services["server"];
        Assert.True(System.IO.File.Exists(Path.Combine(root, server["build"].ToString(), "Dockerfile")));
        Assert.Equal("service_healthy", ((YamlDotNet.RepresentationModel.YamlMappingNode)((YamlDotNet.RepresentationModel.YamlMappingNode)server["depends_on"])["db"])["condition"].ToString());
        Assert.All(((YamlDotNet.RepresentationModel.YamlSequenceNode)server["ports"]).Select(p => p.ToString()), p => Assert.StartsWith("127.0.0.1:", p, StringComparison.Ordinal));
        var known = Paths(typeof(ServerOptions), "Chokepoint").Concat(Paths(typeof(WorkplaceOptions), "Chokepoint__Workplace")).ToHashSet();
        var environment = ((YamlDotNet.RepresentationModel.YamlMappingNode)server["environment"]).Children.ToDictionary(c => c.Key.ToString(), c => c.Value.ToString());
        Assert.All(environment.Keys, k => Assert.Contains(k, known));
        Assert.Contains("${POSTGRES_PASSWORD:?", environment["Chokepoint__Db"], StringComparison.Ordinal); // the password is never written here
        var db = (YamlDotNet.RepresentationModel.YamlMappingNode)services["db"];
        Assert.StartsWith("${POSTGRES_PASSWORD:?", ((YamlDotNet.RepresentationModel.YamlMappingNode)db["environment"])["POSTGRES_PASSWORD"].ToString(), StringComparison.Ordinal);

        var dockerfile = System.IO.File.ReadAllLines(Path.Combine(root, "Dockerfile")).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.Equal(2, dockerfile.Count(l => l.StartsWith("FROM ", StringComparison.Ordinal)));
        var publish = dockerfile.Single(l => l.Contains("dotnet publish", StringComparison.Ordinal)).Split(' ');
        Assert.True(Directory.Exists(Path.Combine(root, publish[Array.IndexOf(publish, "publish") + 1])));
        Assert.Contains($"\"{typeof(ServerOptions).Assembly.GetName().Name}.dll\"", dockerfile.Single(l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains(dockerfile, l => l.Contains("Chokepoint__Data=/data", StringComparison.Ordinal));
    }

    /// <summary>The environment-variable names of a settings type's properties: nested settings by name, lists by
    /// their first element.</summary>
    private static IEnumerable<string> Paths(Type type, string prefix)
    {
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.SetMethod!.IsPublic))
        {
            var name = $"{prefix}__{p.Name}";
            var t = p.PropertyType;
            var element = t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>) ? t.GetGenericArguments()[0] : null;
            if (element is not null && element != typeof(string)) foreach (var inner in Paths(element, name + "__0")) yield return inner;
            else if (element == typeof(string)) yield return name + "__0";
            else if (t.IsClass && t != typeof(string)) foreach (var inner in Paths(t, name)) yield return inner;
            else yield return name;
        }
    }
}

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

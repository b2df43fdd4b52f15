using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Chokepoint.Tests.Support;

namespace Chokepoint.Tests.Server;

/// <summary>The server as an operator deploys it without containers: published by scripts/publish-server as a
/// self-contained folder, started from there (no SDK, no <c>dotnet</c> in front), serving its lists.</summary>
public sealed class ServerPublishTests
{
    [Fact]
    public async Task The_self_contained_server_starts_from_its_folder_and_serves()
    {
        using var scratch = new Scratch();
        var folder = scratch.Path("server");
        var publish = await ChokepointCli.RunProgramAsync("bash", [Path.Combine(RepoPaths.Root, "scripts", "publish-server"), folder], null, "", TimeSpan.FromMinutes(8));
        Assert.True(publish.Code == 0, publish.Out + publish.Err);
        var program = Path.Combine(folder, "Chokepoint.Server");
        Assert.True(File.Exists(program), "no executable in the published folder");
        Assert.True(File.Exists(Path.Combine(folder, "libcoreclr.so")), "the runtime is not inside the folder: not self-contained");

        var db = scratch.Path("lists.db");
        Assert.Equal(0, (await ChokepointCli.RunAsync("lists", "import", TestData.File(TestData.Un), "--db", db)).Code);
        var port = FreePort();
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = scratch.Path(".") };
        foreach (var a in new[] { "--urls", $"http://127.0.0.1:{port}" }) start.ArgumentList.Add(a);
        start.Environment["CHOKEPOINT_DB"] = db;
        start.Environment["CHOKEPOINT_DATA"] = TestData.Folder;
        start.Environment.Remove("DOTNET_ROOT"); // the folder's own runtime, not the SDK's
        using var server = Process.Start(start)!;
        var log = new System.Text.StringBuilder();
        server.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        server.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            var ready = await ReadyAsync(http, server, TimeSpan.FromSeconds(90));
            Assert.True(ready is not null, $"not ready within 90 s; its output:\n{log}");
            Assert.Equal("ok", ready!.RootElement.GetProperty("status").GetString());
            using var health = JsonDocument.Parse(await http.GetStringAsync("/healthz"));
            Assert.Equal("ok", health.RootElement.GetProperty("status").GetString());
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("/api/screen", new StringContent("{\"name\":\"ERIC BADEGE\"}", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        }
        finally
        {
            if (!server.HasExited) server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static async Task<JsonDocument?> ReadyAsync(HttpClient http, Process server, TimeSpan within)
    {
        var until = Stopwatch.StartNew();
        while (until.Elapsed < within && !server.HasExited)
        {
            try
            {
                using var response = await http.GetAsync("/readyz");
                if (response.IsSuccessStatusCode) return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        return null;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

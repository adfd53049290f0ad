using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.BadInput;

/// <summary>
/// A kubeconfig whose server is a closed port: a refused connection is transient (an API server restarting), so
/// preflight retries it for its whole read budget (60 s) before it refuses. One case, alone in its class so that it
/// waits beside the others instead of after them.
/// </summary>
public sealed partial class UnreachableRegionTests(RefusalFixture fixture) : IClassFixture<RefusalFixture>
{
    [Fact]
    public async Task StartRotation_ServerPortClosed_Exit2AfterThePreflightBudgetNamingTheRegion()
    {
        var (spec, port) = await WriteClosedPortSpecAsync(fixture, "closed-port");

        var clock = Stopwatch.StartNew();
        var outcome = await OrchestratorProcess.RunAsync(["start-rotation", "--spec", spec, "--state", fixture.StatePath]);

        // Before the refusal, one notice that the region is being retried and until when (RetryNoticeTests), however
        // many attempts the minute held; apart from it, the refusal is held to every rule as before.
        var notice = Assert.Single(outcome.Error.Split('\n'), line => line.Contains(" warn: ", StringComparison.Ordinal));
        RetryNoticeTests.AssertNotice(notice, port);
        fixture.AssertRefused(
            outcome with { Error = outcome.Error.Replace(notice + "\n", string.Empty, StringComparison.Ordinal) },
            "error: region2: the API server did not answer within 1m (last: ");

        // It waited out the read budget (retrying) rather than giving up early, and not much longer.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(59), TimeSpan.FromSeconds(90));
    }

    /// <summary>A spec whose region2 is reached through a kubeconfig naming a closed port; and that port.</summary>
    internal static async Task<(string Spec, int Port)> WriteClosedPortSpecAsync(RefusalFixture fixture, string name)
    {
        var good = await File.ReadAllTextAsync(fixture.Clusters.Simulation.KubeconfigPath, TestContext.Current.CancellationToken);
        var path = Path.Combine(fixture.Clusters.Directory, $"kubeconfig-{name}");
        var port = ClosedPort();
        await File.WriteAllTextAsync(path, Server().Replace(good, $"server: https://127.0.0.1:{port}"), TestContext.Current.CancellationToken);
        return (MangledKubeconfigTests.WriteSpec(fixture, "region2", path, name), port);
    }

    /// <summary>A port that was just free, and is closed again: nothing listens there.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [GeneratedRegex("server: .*")]
    private static partial Regex Server();
}

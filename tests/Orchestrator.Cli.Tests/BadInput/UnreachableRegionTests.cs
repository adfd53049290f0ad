using System.Diagnostics;
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
        using var port = new ClosedPort();
        var spec = await WriteClosedPortSpecAsync(fixture, "closed-port", port);

        var clock = Stopwatch.StartNew();
        var outcome = await OrchestratorProcess.RunAsync(["start-rotation", "--spec", spec, "--state", fixture.StatePath]);

        // Before the refusal, one notice that the region is being retried and until when (RetryNoticeTests), however
        // many attempts the minute held; apart from it, the refusal is held to every rule as before.
        var notice = Assert.Single(outcome.Error.Split('\n'), line => line.Contains(" warn: ", StringComparison.Ordinal));
        RetryNoticeTests.AssertNotice(notice, port.Port);
        fixture.AssertRefused(
            outcome with { Error = outcome.Error.Replace(notice + "\n", string.Empty, StringComparison.Ordinal) },
            "error: region2: the API server did not answer within 1m (last: ");

        // It waited out the read budget (retrying) rather than giving up early, and not much longer.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(59), TimeSpan.FromSeconds(90));
    }

    /// <summary>A spec whose region2 is reached through a kubeconfig naming the closed port.</summary>
    internal static async Task<string> WriteClosedPortSpecAsync(RefusalFixture fixture, string name, ClosedPort port)
    {
        var good = await File.ReadAllTextAsync(fixture.Clusters.Simulation.KubeconfigPath, TestContext.Current.CancellationToken);
        var path = Path.Combine(fixture.Clusters.Directory, $"kubeconfig-{name}");
        await File.WriteAllTextAsync(path, PointedAt(good, port), TestContext.Current.CancellationToken);
        return MangledKubeconfigTests.WriteSpec(fixture, "region2", path, name);
    }

    /// <summary>The kubeconfig with every server replaced by the closed port.</summary>
    internal static string PointedAt(string kubeconfig, ClosedPort port) => Server().Replace(kubeconfig, $"server: https://127.0.0.1:{port.Port}");

    [GeneratedRegex("server: .*")]
    private static partial Regex Server();
}

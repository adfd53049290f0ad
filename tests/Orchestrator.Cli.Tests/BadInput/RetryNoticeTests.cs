using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.BadInput;

/// <summary>
/// A region whose server is a closed port is retried for the whole read budget (60 s): the command says so on stderr
/// as soon as the first attempt fails, naming the region, the request, the failure and until when it goes on, rather
/// than a minute of silence before its refusal. Each command is stopped once it has said it.
/// </summary>
public sealed partial class RetryNoticeTests(RefusalFixture fixture) : IClassFixture<RefusalFixture>
{
    /// <summary>Long enough for a process to start on a busy machine of two cores; far below the 60 s budget.</summary>
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("plan")]
    [InlineData("verify")]
    public async Task Command_ServerPortClosed_SaysAtOnceWhatIsRetriedAndUntilWhen(string command)
    {
        using var port = new ClosedPort();
        var spec = await UnreachableRegionTests.WriteClosedPortSpecAsync(fixture, $"notice-{command}", port);
        string[] arguments = command == "verify"
            ? [command, "--spec", spec, "--state", Path.Combine(fixture.Clusters.Directory, "no-state", "state.db")]
            : [command, "--spec", spec];

        using var run = OrchestratorProcess.Start(arguments);
        var clock = Stopwatch.StartNew();
        var line = await run.WaitForErrorLineAsync(candidate => candidate.Contains(" warn: ", StringComparison.Ordinal), StartPatience);

        Assert.True(clock.Elapsed < StartPatience, $"said after {clock.Elapsed}");
        AssertNotice(line, port.Port);
        Assert.False(run.HasExited, $"exited before the budget was spent:\n{string.Join('\n', run.ErrorLines)}");
    }

    /// <summary>
    /// The notice: region2, a read of the Lease, the Secret or the pods, the refused connection, and an end 1m after
    /// the reads began; logged (by its own timestamp) within 2 s of that start, so within 2 s of the first failure at
    /// the latest.
    /// </summary>
    internal static void AssertNotice(string line, int port)
    {
        var notice = Notice().Match(line);
        Assert.True(notice.Success, line);
        Assert.Contains($"Connection refused (127.0.0.1:{port})", notice.Groups["failure"].Value, StringComparison.Ordinal);
        var logged = TimeOnly.ParseExact(notice.Groups["logged"].Value, "HH:mm:ss.fff", CultureInfo.InvariantCulture);
        var until = TimeOnly.ParseExact(notice.Groups["until"].Value, "HH:mm:ss", CultureInfo.InvariantCulture);

        // The end is shown to the second (cut, not rounded) and the reads began before the line was logged.
        var sinceReadsBegan = logged - until.AddMinutes(-1);
        Assert.InRange(sinceReadsBegan, TimeSpan.Zero, TimeSpan.FromSeconds(3));
    }

    [GeneratedRegex(@"^(?<logged>\d\d:\d\d:\d\d\.\d{3}) warn: Orchestrator\.Kubernetes\.KubernetesClusterConnector\[3\] region2: (get leases anton/example-cluster-manual-tls-ca-rotation|get secrets anton/example-cluster-manual-tls-ca|list pods in anton|list statefulsets in anton) failed \((?<failure>[^;]+)\); retrying until (?<until>\d\d:\d\d:\d\d) UTC \((1m|5\ds) from now\); --verbose shows each attempt$")]
    private static partial Regex Notice();
}

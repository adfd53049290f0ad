using System.Globalization;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Simulator.Faults;

namespace Orchestrator.Cli.Tests.EndToEnd;

/// <summary>
/// Maintenance windows in the CLI, on the wall clock (the run is another process): a Secret write begins only inside
/// its region's window, a wait that has begun goes on past the window's end, and windows that cannot open before the
/// CA expires are refused before anything changes.
/// </summary>
public sealed class MaintenanceWindowTests
{
    private const int Waiting = 5;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task ARotationOutsideEveryWindow_WritesNothingUntilItOpens_ThenProceeds()
    {
        await using var clusters = await SimulatedClusters.StartAsync(1, pods: 1);
        var state = new[] { "--state", clusters.StatePath };
        var opens = Minute(TimeProvider.System.GetUtcNow()).AddMinutes(2);

        var started = await OrchestratorProcess.RunAsync(["start-rotation", "--spec", clusters.WriteSpec(extra: Window(opens, "30m")), .. state]);

        Assert.True(started.ExitCode == Waiting, started.ToString());
        var status = await clusters.StatusAsync();
        Assert.Equal(("WaitingForWindow", 2), (status["hold"]!["reason"]!.GetValue<string>(), status["hold"]!["step"]!.GetValue<int>()));
        Assert.Equal(opens, DateTimeOffset.Parse(status["hold"]!["until"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        Assert.Empty(clusters.SecretUpdates());

        await Task.Delay(opens - TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        var resumed = await OrchestratorProcess.RunAsync(["resume", .. state], timeout: Patience);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(3, clusters.SecretUpdates().Count);
        Assert.All(clusters.SecretUpdates(), update => Assert.True(DateTimeOffset.Parse(update["time"]!.GetValue<string>(), CultureInfo.InvariantCulture) >= opens));
    }

    [Fact]
    public async Task AWaitThatHasBegun_GoesOnPastTheWindowsEnd_AndTheNextWriteWaitsForTheNextOpening()
    {
        const string StuckPod = "example-cluster-cassandra-dc1-0";
        await using var clusters = await SimulatedClusters.StartAsync(1, pods: 1);
        var state = new[] { "--state", clusters.StatePath };

        // Opened a minute ago, it closes about 40 seconds from now.
        var now = TimeProvider.System.GetUtcNow();
        var opened = Minute(now).AddMinutes(-1);
        var closes = now + TimeSpan.FromSeconds(40);
        var duration = $"{(int)Math.Ceiling((closes - opened).TotalSeconds)}s";
        clusters.Faults("region1").Replace(new FaultSettings { StuckPods = [StuckPod] });
        using var run = OrchestratorProcess.Start(["start-rotation", "--spec", clusters.WriteSpec(timeout: "10m", extra: Window(opened, duration)), .. state]);
        await run.WaitForLineAsync(line => line.StartsWith("[3/7] wait-rollout", StringComparison.Ordinal), Patience);
        await Task.Delay(closes - TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        clusters.Faults("region1").Replace(FaultSettings.None);
        var ended = await run.WaitForExitAsync(Patience);

        Assert.True(ended.ExitCode == Waiting, ended.ToString());
        var status = await clusters.StatusAsync();
        var wait = status["steps"]![2]!;
        Assert.Equal("Succeeded", wait["status"]!.GetValue<string>());
        Assert.True(DateTimeOffset.Parse(wait["finishedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture) > closes);
        Assert.Equal(("WaitingForWindow", 4), (status["hold"]!["reason"]!.GetValue<string>(), status["hold"]!["step"]!.GetValue<int>()));
        Assert.Equal(opened.AddDays(1), DateTimeOffset.Parse(status["hold"]!["until"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        Assert.Single(clusters.SecretUpdates());
    }

    [Fact]
    public async Task WindowsThatFirstOpenAfterTheCaExpires_AreRefused_NothingChanged()
    {
        var opens = TimeProvider.System.GetUtcNow().Date.AddDays(20);
        await RefusedAsync($"maintenanceWindows:\n  - {{ cron: '0 0 {opens.Day} {opens.Month} *', duration: 2h }}\n", $"maintenanceWindows: region1's windows first open at {opens:yyyy-MM-dd} 00:00Z, after the current CA expires");
    }

    [Fact]
    public async Task WindowsThatNeverOpen_AreRefused_NothingChanged()
    {
        await RefusedAsync("maintenanceWindows:\n  - { cron: '0 0 30 2 *', duration: 2h }\n", "maintenanceWindows: region1's windows never open ('0 0 30 2 *' for 2h (UTC)); give a cron that occurs");
    }

    private static async Task RefusedAsync(string windows, string expected)
    {
        await using var clusters = await SimulatedClusters.StartAsync(1, pods: 1, caValidityDays: 10);

        var refused = await OrchestratorProcess.RunAsync(["start-rotation", "--spec", clusters.WriteSpec(extra: windows), "--state", clusters.StatePath]);

        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains(expected, refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(clusters.OrchestratorWrites(), write => write["resource"]!.GetValue<string>() != "leases");
    }

    private static DateTimeOffset Minute(DateTimeOffset time) => new(time.Year, time.Month, time.Day, time.Hour, time.Minute, 0, TimeSpan.Zero);

    private static string Window(DateTimeOffset opens, string duration) =>
        $"maintenanceWindows:\n  - {{ cron: '{opens.Minute} {opens.Hour} * * *', duration: {duration}, timeZone: UTC }}\n";
}

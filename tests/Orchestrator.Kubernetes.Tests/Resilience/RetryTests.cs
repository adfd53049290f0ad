using System.Diagnostics;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Orchestrator.Core.Cluster;
using Orchestrator.Kubernetes.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Kubernetes.Tests.Resilience;

public sealed class RetryTests(SimulationFixture fixture) : IClassFixture<SimulationFixture>
{
    private const int RetryEvent = 1;
    private const int NoticeEvent = 3;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Replace_Three503s_RetriedUntilOneSuccessfulUpdate()
    {
        await CreateAsync("flaky-update");
        var logs = new RecordingLoggerFactory();
        using var region = Connectors.Counting(new RequestCounter(), logs).Connect(fixture.Region(), SimulationFixture.Cluster);
        var basis = await region.ReadSecretAsync("flaky-update", Token);
        await using var faults = await Faults.SetAsync(fixture, "region1", """{"failRequests":[{"verb":"update","resource":"secrets","code":503,"count":3}]}""");

        var outcome = await region.ReplaceSecretDataAsync(basis, new Dictionary<string, byte[]> { ["k"] = "w"u8.ToArray() }, Token);

        Assert.True(outcome.Written);
        var updates = AuditLog.Lines(fixture, "update", "flaky-update");
        Assert.Equal([503, 503, 503, 200], updates.Select(AuditLog.Code));
        Assert.All(updates, line => Assert.Equal("orchestrator/1.0", AuditLog.UserAgent(line)));
        var retries = logs.Lines.Where(line => line.EventId == RetryEvent).ToList();
        Assert.Equal(3, retries.Count);
        Assert.All(retries, line =>
        {
            Assert.Equal(LogLevel.Information, line.Level);
            Assert.StartsWith("region1: update secrets anton/flaky-update failed (503 ServiceUnavailable); attempt ", line.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Replace_Three503sWithinADeadline_OneWarningSayingUntilWhenAndEachAttemptAtInformation()
    {
        await CreateAsync("flaky-notice");
        var logs = new RecordingLoggerFactory();
        using var region = Connectors.Counting(new RequestCounter(), logs).Connect(fixture.Region(), SimulationFixture.Cluster);
        var basis = await region.ReadSecretAsync("flaky-notice", Token);
        await using var faults = await Faults.SetAsync(fixture, "region1", """{"failRequests":[{"verb":"update","resource":"secrets","code":503,"count":3}]}""");
        var end = TimeProvider.System.GetUtcNow().AddMinutes(30);

        using (RetryDeadline.Until(end))
        {
            Assert.True((await region.ReplaceSecretDataAsync(basis, new Dictionary<string, byte[]> { ["k"] = "w"u8.ToArray() }, Token)).Written);
        }

        var notice = Assert.Single(logs.Lines, line => line.EventId == NoticeEvent);
        Assert.Equal(LogLevel.Warning, notice.Level);
        Assert.Equal(
            $"region1: update secrets anton/flaky-notice failed (503 ServiceUnavailable); retrying until {end.UtcDateTime:HH:mm:ss} UTC (30m from now); --verbose shows each attempt",
            notice.Message);
        Assert.Equal(3, logs.Lines.Count(line => line is { EventId: RetryEvent, Level: LogLevel.Information }));
    }

    /// <summary>A wait's watches, failing again and again, say so once for the region, not once per attempt.</summary>
    [Fact]
    public async Task Observe_WatchOfPodsFailingRepeatedly_OneWarning()
    {
        var logs = new RecordingLoggerFactory();
        var options = new KubernetesClientOptions { MaxBackoff = TimeSpan.FromMilliseconds(100) };
        using var region = Connectors.Counting(new RequestCounter(), logs, options).Connect(fixture.Region("region2"), SimulationFixture.Cluster);
        await using var faults = await Faults.SetAsync(fixture, "region2", """{"failRequests":[{"verb":"watch","resource":"pods","code":503,"count":5}]}""");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);

        using (RetryDeadline.Until(TimeProvider.System.GetUtcNow().AddMinutes(30)))
        {
            await using var snapshots = region.ObserveAsync(SimulationFixture.CaSecret, stop.Token).GetAsyncEnumerator(stop.Token);
            Assert.True(await snapshots.MoveNextAsync());
            await Polling.UntilAsync(() => logs.Lines.Count(line => line.EventId == RetryEvent && line.Message.StartsWith("region2: watch pods", StringComparison.Ordinal)) == 5, "the pods' watch is retried five times");
            await stop.CancelAsync();
        }

        var notice = Assert.Single(logs.Lines, line => line.EventId == NoticeEvent);
        Assert.StartsWith("region2: watch pods in anton failed (503 ServiceUnavailable); retrying until ", notice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_429WithRetryAfter_WaitsAsAskedThenSucceeds()
    {
        var logs = new RecordingLoggerFactory();
        using var region = Connectors.Counting(new RequestCounter(), logs).Connect(fixture.Region("region2"), SimulationFixture.Cluster);
        await using var faults = await Faults.SetAsync(fixture, "region2", """{"failRequests":[{"verb":"get","resource":"secrets","code":429,"count":1}]}""");

        var clock = Stopwatch.StartNew();
        var secret = await region.ReadSecretAsync(SimulationFixture.CaSecret, Token);

        Assert.Equal(SimulationFixture.CaSecret, secret.Name);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        var retry = Assert.Single(logs.Lines, line => line.EventId == RetryEvent);
        Assert.Equal("region2: get secrets anton/example-cluster-manual-tls-ca failed (429 TooManyRequests); attempt 2 in 00:00:01", retry.Message);
    }

    /// <summary>The server's Retry-After is waited out even where it is longer than the longest backoff.</summary>
    [Fact]
    public async Task Read_429WithRetryAfterBeyondMaxBackoff_WaitsAsAsked()
    {
        var logs = new RecordingLoggerFactory();
        var options = new KubernetesClientOptions { MaxBackoff = TimeSpan.FromMilliseconds(100) };
        using var region = Connectors.Counting(new RequestCounter(), logs, options).Connect(fixture.Region("region2"), SimulationFixture.Cluster);
        await using var faults = await Faults.SetAsync(fixture, "region2", """{"failRequests":[{"verb":"get","resource":"secrets","code":429,"count":1}]}""");

        var clock = Stopwatch.StartNew();
        await region.ReadSecretAsync(SimulationFixture.CaSecret, Token);

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        Assert.EndsWith("attempt 2 in 00:00:01", Assert.Single(logs.Lines, line => line.EventId == RetryEvent).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshot_500sOnListPods_RetriedAndComplete()
    {
        var logs = new RecordingLoggerFactory();
        var counter = new RequestCounter();
        using var region = Connectors.Counting(counter, logs).Connect(fixture.Region(), SimulationFixture.Cluster);
        await using var faults = await Faults.SetAsync(fixture, "region1", """{"failRequests":[{"verb":"list","resource":"pods","code":500,"count":2}]}""");

        var snapshot = await region.SnapshotAsync(SimulationFixture.CaSecret, Token);

        Assert.Equal(3, snapshot.Pods.Count);
        Assert.Equal(2, logs.Lines.Count(line => line.EventId == RetryEvent && line.Message.Contains("list pods in anton failed (500 InternalServerError)", StringComparison.Ordinal)));
        Assert.Equal(4, counter.Lists);
    }

    [Fact]
    public async Task Replace_WithLatency_SucceedsOnce()
    {
        await CreateAsync("slow-update");
        using var region = Connectors.Plain().Connect(fixture.Region(), SimulationFixture.Cluster);
        var basis = await region.ReadSecretAsync("slow-update", Token);
        await using var faults = await Faults.SetAsync(fixture, "region1", """{"latencyMs":300}""");

        var clock = Stopwatch.StartNew();
        var outcome = await region.ReplaceSecretDataAsync(basis, new Dictionary<string, byte[]> { ["k"] = "w"u8.ToArray() }, Token);

        Assert.True(outcome.Written);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(300), $"took {clock.Elapsed}");
        Assert.Equal([200], AuditLog.Lines(fixture, "update", "slow-update").Select(AuditLog.Code));
    }

    [Fact]
    public async Task Replace_Endless503s_CallerTokenEnds_OperationCanceledAndNothingWritten()
    {
        await CreateAsync("endless", "region2");
        using var region = Connectors.Plain(new KubernetesClientOptions { MaxBackoff = TimeSpan.FromMilliseconds(200) }).Connect(fixture.Region("region2"), SimulationFixture.Cluster);
        var basis = await region.ReadSecretAsync("endless", Token);
        await using var faults = await Faults.SetAsync(fixture, "region2", """{"failRequests":[{"verb":"update","resource":"secrets","code":503,"count":100000}]}""");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        deadline.CancelAfter(TimeSpan.FromSeconds(1.5));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => region.ReplaceSecretDataAsync(basis, new Dictionary<string, byte[]> { ["k"] = "w"u8.ToArray() }, deadline.Token));

        var updates = AuditLog.Lines(fixture, "update", "endless").Select(AuditLog.Code).ToList();
        Assert.True(updates.Count >= 3, $"only {updates.Count} attempts");
        Assert.All(updates, code => Assert.Equal(503, code));
    }

    [Fact]
    public async Task Read_SlowerThanTheRequestTimeout_RetriedAsTransientUntilTheCallerGivesUp()
    {
        var logs = new RecordingLoggerFactory();
        var options = new KubernetesClientOptions { RequestTimeout = TimeSpan.FromMilliseconds(150), MaxBackoff = TimeSpan.FromMilliseconds(100) };
        using var region = Connectors.Counting(new RequestCounter(), logs, options).Connect(fixture.Region("region2"), SimulationFixture.Cluster);
        await using var faults = await Faults.SetAsync(fixture, "region2", """{"latencyMs":1000}""");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        deadline.CancelAfter(TimeSpan.FromSeconds(1.5));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => region.ReadSecretAsync(SimulationFixture.CaSecret, deadline.Token));

        var retries = logs.Lines.Where(line => line.EventId == RetryEvent).ToList();
        Assert.True(retries.Count >= 2, $"only {retries.Count} retries");
        Assert.All(retries, line => Assert.Contains("(no answer within the request timeout)", line.Message, StringComparison.Ordinal));
    }

    private async Task CreateAsync(string name, string region = "region1")
    {
        using var plain = fixture.Client(region);
        await plain.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = name }, Data = new Dictionary<string, byte[]> { ["k"] = "v"u8.ToArray() } },
            SimulationFixture.Namespace,
            cancellationToken: Token);
    }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Core.Cluster;
using Orchestrator.Kubernetes.Resilience;
using Orchestrator.Kubernetes.Tests.Support;

namespace Orchestrator.Kubernetes.Tests.Resilience;

public sealed class RetryNoticesTests : IDisposable
{
    private const int NoticeEvent = 3;
    private const string Read = "get secrets anton/example-cluster-manual-tls-ca";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));
    private readonly RecordingLoggerFactory _logs = new();

    private ILogger Logger => _logs.CreateLogger("test");

    public void Dispose() => _logs.Dispose();

    [Fact]
    public void Announce_SameFailureAgainUnderOneDeadline_OneWarningSayingUntilWhen()
    {
        var notices = new RetryNotices("region1", _time);
        using (RetryDeadline.Until(_time.GetUtcNow().AddMinutes(1)))
        {
            notices.Announce(Logger, Read, "503 ServiceUnavailable");
            _time.Advance(TimeSpan.FromSeconds(5));
            notices.Announce(Logger, "list pods in anton", "503 ServiceUnavailable");
            notices.Announce(Logger, Read, "503 ServiceUnavailable");
        }

        var notice = Assert.Single(_logs.Lines);
        Assert.Equal((LogLevel.Warning, NoticeEvent), (notice.Level, notice.EventId));
        Assert.Equal($"region1: {Read} failed (503 ServiceUnavailable); retrying until 10:01:00 UTC (1m from now); --verbose shows each attempt", notice.Message);
    }

    [Fact]
    public void Announce_AnotherFailureOrAnotherDeadline_SaidAgain()
    {
        var notices = new RetryNotices("region1", _time);
        using (RetryDeadline.Until(_time.GetUtcNow().AddSeconds(90)))
        {
            notices.Announce(Logger, Read, "503 ServiceUnavailable");
            notices.Announce(Logger, Read, "429 TooManyRequests");
        }

        _time.Advance(TimeSpan.FromSeconds(10));
        using (RetryDeadline.Until(_time.GetUtcNow().AddMinutes(30)))
        {
            notices.Announce(Logger, Read, "503 ServiceUnavailable");
        }

        Assert.Equal(
        [
            $"region1: {Read} failed (503 ServiceUnavailable); retrying until 10:01:30 UTC (1m30s from now); --verbose shows each attempt",
            $"region1: {Read} failed (429 TooManyRequests); retrying until 10:01:30 UTC (1m30s from now); --verbose shows each attempt",
            $"region1: {Read} failed (503 ServiceUnavailable); retrying until 10:30:10 UTC (30m from now); --verbose shows each attempt",
        ],
        _logs.Lines.Select(line => line.Message));
    }

    [Fact]
    public void Announce_NoDeadlineOrOneAlreadyPast_SaysItGoesOnAsLongAsTheCommandWaits()
    {
        var notices = new RetryNotices("region2", _time);
        notices.Announce(Logger, Read, "503 ServiceUnavailable");
        using (RetryDeadline.Until(_time.GetUtcNow().AddSeconds(-1)))
        {
            notices.Announce(Logger, Read, "503 ServiceUnavailable");
        }

        var notice = Assert.Single(_logs.Lines);
        Assert.Equal($"region2: {Read} failed (503 ServiceUnavailable); retrying for as long as the command waits for it; --verbose shows each attempt", notice.Message);
    }
}

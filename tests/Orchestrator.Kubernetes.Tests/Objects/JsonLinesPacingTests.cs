using System.IO.Pipelines;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Kubernetes.Objects;

namespace Orchestrator.Kubernetes.Tests.Objects;

/// <summary>A busy body is read once per pacing interval; a quiet one as each line arrives.</summary>
public sealed class JsonLinesPacingTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    private readonly FakeTimeProvider _time = new();
    private readonly Pipe _body = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NextAsync_LineFoundAtOnce_ReadsAgainOnlyWhenTheIntervalIsOver()
    {
        using var lines = new JsonLines(_body.Reader.AsStream(), new WatchPacing(Interval, _time));
        await WriteAsync("{\"n\":1}\n");
        Assert.Equal("{\"n\":1}", Text(await lines.NextAsync(Token)));

        await WriteAsync("{\"n\":2}\n{\"n\":3}\n");
        var second = lines.NextAsync(Token).AsTask();
        _time.Advance(Interval - TimeSpan.FromMilliseconds(1));
        Assert.False(second.IsCompleted, "a busy body was read again before its interval was over");

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("{\"n\":2}", Text(await second.WaitAsync(TimeSpan.FromSeconds(10), Token)));
        Assert.Equal("{\"n\":3}", Text(await lines.NextAsync(Token).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Token)));
    }

    [Fact]
    public async Task NextAsync_LineAfterALongerWait_NextReadIsNotHeldBack()
    {
        using var lines = new JsonLines(_body.Reader.AsStream(), new WatchPacing(Interval, _time));
        var first = lines.NextAsync(Token).AsTask();
        _time.Advance(Interval);
        await WriteAsync("{\"n\":1}\n");
        Assert.Equal("{\"n\":1}", Text(await first.WaitAsync(TimeSpan.FromSeconds(10), Token)));

        var second = lines.NextAsync(Token).AsTask();
        await WriteAsync("{\"n\":2}\n");

        Assert.Equal("{\"n\":2}", Text(await second.WaitAsync(TimeSpan.FromSeconds(10), Token)));
    }

    [Fact]
    public async Task NextAsync_NoInterval_ReadsEveryLineAtOnce()
    {
        using var lines = new JsonLines(_body.Reader.AsStream(), new WatchPacing(TimeSpan.Zero, _time));
        await WriteAsync("{\"n\":1}\n");
        Assert.Equal("{\"n\":1}", Text(await lines.NextAsync(Token)));

        await WriteAsync("{\"n\":2}\n");

        Assert.Equal("{\"n\":2}", Text(await lines.NextAsync(Token).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Token)));
    }

    private static string? Text(ReadOnlyMemory<byte>? line) => line is { } bytes ? Encoding.UTF8.GetString(bytes.Span) : null;

    private async Task WriteAsync(string text) => await _body.Writer.WriteAsync(Encoding.UTF8.GetBytes(text), Token);
}

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
    public async Task NextAsync_LinesFoundAtOnceReadAfterRead_ReadsAgainOnlyWhenTheIntervalIsOver()
    {
        using var lines = new JsonLines(_body.Reader.AsStream(), new WatchPacing(Interval, _time));
        await ReadQuicklyAsync(lines, WatchPacing.BusyAfter);

        await WriteAsync("{\"n\":2}\n{\"n\":3}\n");
        var second = lines.NextAsync(Token).AsTask();
        _time.Advance(Interval - TimeSpan.FromMilliseconds(1));
        Assert.False(second.IsCompleted, "a busy body was read again before its interval was over");

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("{\"n\":2}", Text(await second.WaitAsync(TimeSpan.FromSeconds(10), Token)));
        Assert.Equal("{\"n\":3}", Text(await lines.NextAsync(Token).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Token)));
    }

    [Fact]
    public async Task NextAsync_AFewLinesFoundAtOnce_NextReadIsNotHeldBack()
    {
        // Two or three events together (a pod's restart) do not make a watch busy.
        using var lines = new JsonLines(_body.Reader.AsStream(), new WatchPacing(Interval, _time));
        await ReadQuicklyAsync(lines, WatchPacing.BusyAfter - 1);

        var next = lines.NextAsync(Token).AsTask();
        await WriteAsync("{\"n\":2}\n");

        Assert.Equal("{\"n\":2}", Text(await next.WaitAsync(TimeSpan.FromSeconds(10), Token)));
    }

    [Fact]
    public async Task NextAsync_ReadThatWaitedTheIntervalForData_StartsTheCountAgain()
    {
        using var lines = new JsonLines(_body.Reader.AsStream(), new WatchPacing(Interval, _time));
        await ReadQuicklyAsync(lines, WatchPacing.BusyAfter - 1);
        var slow = lines.NextAsync(Token).AsTask();
        _time.Advance(Interval);
        await WriteAsync("{\"n\":1}\n");
        Assert.Equal("{\"n\":1}", Text(await slow.WaitAsync(TimeSpan.FromSeconds(10), Token)));
        await ReadQuicklyAsync(lines, WatchPacing.BusyAfter - 1);

        var next = lines.NextAsync(Token).AsTask();
        await WriteAsync("{\"n\":2}\n");

        Assert.Equal("{\"n\":2}", Text(await next.WaitAsync(TimeSpan.FromSeconds(10), Token)));
    }

    [Fact]
    public async Task NextAsync_NoInterval_ReadsEveryLineAtOnce()
    {
        using var lines = new JsonLines(_body.Reader.AsStream(), new WatchPacing(TimeSpan.Zero, _time));
        await ReadQuicklyAsync(lines, WatchPacing.BusyAfter);

        await WriteAsync("{\"n\":2}\n");

        Assert.Equal("{\"n\":2}", Text(await lines.NextAsync(Token).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Token)));
    }

    /// <summary>Reads <paramref name="count"/> lines, each one written just before it is asked for.</summary>
    private async Task ReadQuicklyAsync(JsonLines lines, int count)
    {
        for (var line = 0; line < count; line++)
        {
            await WriteAsync("{\"quick\":" + line + "}\n");
            Assert.Equal("{\"quick\":" + line + "}", Text(await lines.NextAsync(Token).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Token)));
        }
    }

    private static string? Text(ReadOnlyMemory<byte>? line) => line is { } bytes ? Encoding.UTF8.GetString(bytes.Span) : null;

    private async Task WriteAsync(string text) => await _body.Writer.WriteAsync(Encoding.UTF8.GetBytes(text), Token);
}

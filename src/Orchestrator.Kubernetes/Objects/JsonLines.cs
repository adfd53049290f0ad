namespace Orchestrator.Kubernetes.Objects;

/// <summary>
/// The lines of a newline-delimited JSON body (a watch), each handed out as soon as its newline has been read; a busy
/// body is read as its <see cref="WatchPacing"/> says.
/// </summary>
internal sealed class JsonLines(Stream stream, WatchPacing pacing) : IDisposable
{
    private readonly JsonBuffer _buffer = new(stream);

    /// <summary>How many reads in a row have found data sooner than the pacing interval.</summary>
    private int _quickReads;

    /// <summary>How far the unread bytes are known to hold no newline.</summary>
    private int _scanned;

    /// <summary>The bytes of the line last handed out, consumed when the next is asked for.</summary>
    private int _handedOut;

    /// <summary>The next line that is not blank, valid until the next call; null once the body has ended.</summary>
    public async ValueTask<ReadOnlyMemory<byte>?> NextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            _buffer.Consume(_handedOut);
            _handedOut = 0;
            var unread = _buffer.Unread;
            var newline = unread.Span[_scanned..].IndexOf((byte)'\n');
            ReadOnlyMemory<byte> line;
            if (newline >= 0)
            {
                line = unread[..(_scanned + newline)];
                _handedOut = line.Length + 1;
            }
            else
            {
                _scanned = unread.Length;
                if (await FillAsync(cancellationToken))
                {
                    continue;
                }

                // A last line without its newline still counts, as it would for a line reader.
                line = _buffer.Unread;
                if (line.IsEmpty)
                {
                    return null;
                }

                _handedOut = line.Length;
            }

            _scanned = 0;
            if (!line.Span.Trim(" \t\r"u8).IsEmpty)
            {
                return line;
            }
        }
    }

    public void Dispose() => _buffer.Dispose();

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_quickReads >= WatchPacing.BusyAfter)
        {
            await Task.Delay(pacing.Interval, pacing.Time, cancellationToken);
        }

        var asked = pacing.Time.GetTimestamp();
        var more = await _buffer.FillAsync(cancellationToken);
        var quick = pacing.Interval > TimeSpan.Zero && pacing.Time.GetElapsedTime(asked) < pacing.Interval;
        _quickReads = quick ? Math.Min(_quickReads + 1, WatchPacing.BusyAfter) : 0;
        return more;
    }
}

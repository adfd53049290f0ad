using System.Buffers;

namespace Orchestrator.Kubernetes.Objects;

/// <summary>
/// The unread bytes of a response body, read in as needed: what a JSON value or a watch line needs and no more, so
/// that a list of megabytes never sits in memory whole. Grows only when one value is larger than the buffer.
/// </summary>
internal sealed class JsonBuffer(Stream stream) : IDisposable
{
    private const int InitialSize = 64 * 1024;

    private byte[] _bytes = ArrayPool<byte>.Shared.Rent(InitialSize);
    private int _start;
    private int _end;

    /// <summary>The bytes read in and not yet consumed.</summary>
    public ReadOnlyMemory<byte> Unread => _bytes.AsMemory(_start, _end - _start);

    public void Consume(int count) => _start += count;

    /// <summary>Reads more of the body after what is unread; false once the body has ended.</summary>
    public async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        var unread = _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_bytes, _start, _bytes, 0, unread);
            _start = 0;
            _end = unread;
        }

        if (_end == _bytes.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(_bytes.Length * 2);
            Buffer.BlockCopy(_bytes, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = larger;
        }

        var read = await stream.ReadAsync(_bytes.AsMemory(_end), cancellationToken);
        _end += read;
        return read > 0;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_bytes);
        _bytes = [];
    }
}

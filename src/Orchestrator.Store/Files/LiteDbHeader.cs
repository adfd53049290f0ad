using System.Buffers.Binary;
using System.Text;

namespace Orchestrator.Store.Files;

/// <summary>
/// What the state file's first page says before LiteDB opens it: whether it is a LiteDB file at all, and how many
/// pages it should have. LiteDB rewrites what it does not recognise (a short text file became an empty database, a
/// file of random bytes was cut to whole pages), even when asked only to read, so those must be refused first.
/// </summary>
internal sealed record LiteDbHeader(uint LastPageId)
{
    public const int PageSize = 8192;

    private const int SignatureOffset = 32;
    private const int LastPageIdOffset = 64;

    public static ReadOnlySpan<byte> Signature => "** This is a LiteDB file **"u8;

    /// <summary>The header of the page, or null when the page does not carry LiteDB's signature.</summary>
    public static LiteDbHeader? Parse(ReadOnlySpan<byte> page) =>
        page.Length >= PageSize && page.Slice(SignatureOffset, Signature.Length).SequenceEqual(Signature)
            ? new LiteDbHeader(BinaryPrimitives.ReadUInt32LittleEndian(page[LastPageIdOffset..]))
            : null;

    /// <summary>The length the data file must have at least: every page up to the last one the header knows.</summary>
    public long MinimumLength => ((long)LastPageId + 1) * PageSize;
}

using System.Buffers.Binary;
using System.Text;

namespace Orchestrator.Store.Files;

/// <summary>
/// The first page of a LiteDB 5 data file, read before LiteDB opens it: LiteDB "repairs" what it does not
/// recognise (it rewrote a short text file as an empty database and cut a file of random bytes to whole pages),
/// so anything that is not an intact LiteDB 5 file must be refused before LiteDB sees it.
/// </summary>
internal sealed record LiteDbHeader(byte FileVersion, uint LastPageId, bool InvalidState)
{
    public const int PageSize = 8192;

    private const string Signature = "** This is a LiteDB file **";
    private const int SignatureOffset = 32;
    private const int FileVersionOffset = 59;
    private const int LastPageIdOffset = 64;
    private const int InvalidStateOffset = 191;

    /// <summary>The data-file format LiteDB 5 writes.</summary>
    public const byte SupportedFileVersion = 8;

    /// <summary>The header of the page, or null when the page does not carry LiteDB's signature.</summary>
    public static LiteDbHeader? Parse(ReadOnlySpan<byte> page)
    {
        var signature = Encoding.ASCII.GetBytes(Signature);
        if (page.Length < PageSize || !page.Slice(SignatureOffset, signature.Length).SequenceEqual(signature))
        {
            return null;
        }

        return new LiteDbHeader(
            page[FileVersionOffset],
            BinaryPrimitives.ReadUInt32LittleEndian(page[LastPageIdOffset..]),
            page[InvalidStateOffset] != 0);
    }

    /// <summary>The length the data file must have at least: every page up to the last one the header knows.</summary>
    public long MinimumLength => ((long)LastPageId + 1) * PageSize;
}

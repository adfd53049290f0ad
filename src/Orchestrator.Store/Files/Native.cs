using System.Runtime.InteropServices;

namespace Orchestrator.Store.Files;

/// <summary>
/// Reading a file without flock, which .NET does not offer: every .NET opening on Unix takes a flock of its own,
/// which fails against a run lock's holder (see <see cref="Locks.LockHolder"/>).
/// </summary>
internal static partial class Native
{
    public const int ReadOnly = 0;

    /// <summary>ENOENT.</summary>
    public const int NoSuchFile = 2;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int descriptor, Span<byte> buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    public static partial int Close(int descriptor);
}

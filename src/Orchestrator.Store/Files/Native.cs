using System.Runtime.InteropServices;

namespace Orchestrator.Store.Files;

/// <summary>
/// The few libc calls .NET does not offer: the file-creation mask, reading a file without flock, and a hard link
/// (the one way to put a file in place only if nothing is there: File.Move checks, then renames over what came meanwhile).
/// </summary>
internal static partial class Native
{
    public const int ReadOnly = 0;

    /// <summary>ENOENT.</summary>
    public const int NoSuchFile = 2;

    /// <summary>EEXIST.</summary>
    public const int FileExists = 17;

    [LibraryImport("libc", EntryPoint = "umask")]
    public static partial uint Umask(uint mask);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int descriptor, Span<byte> buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    public static partial int Close(int descriptor);

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Link(string existing, string created);
}

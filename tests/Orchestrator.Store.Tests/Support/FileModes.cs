namespace Orchestrator.Store.Tests.Support;

internal static class FileModes
{
    public const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static bool RunningAsRoot => Environment.UserName == "root";
}

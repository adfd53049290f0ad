namespace Orchestrator.Store.Files;

/// <summary>Unix modes for what the store creates: nobody but the owner reads the state, its key or its locks.</summary>
internal static class OwnerOnly
{
    public const UnixFileMode FilePermissions = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode DirectoryPermissions = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates the directory and its missing parents, each 0700; an existing one keeps its mode.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        // Directory.CreateDirectory(path, mode) gives the mode to the last directory only; parents get 0777 less umask.
        var missing = new Stack<string>();
        for (var current = Path.GetFullPath(path); !Directory.Exists(current); current = Path.GetDirectoryName(current) ?? "/")
        {
            missing.Push(current);
        }

        while (missing.TryPop(out var directory))
        {
            Directory.CreateDirectory(directory, DirectoryPermissions);
        }
    }

    /// <summary>Stream options whose file, when this opening creates it, is 0600 from its first byte.</summary>
    public static FileStreamOptions Options(FileMode mode, FileAccess access, FileShare share = FileShare.Read)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share };
        if (!OperatingSystem.IsWindows() && mode is FileMode.CreateNew or FileMode.Create or FileMode.OpenOrCreate)
        {
            options.UnixCreateMode = FilePermissions;
        }

        return options;
    }
}

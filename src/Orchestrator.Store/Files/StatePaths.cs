using Orchestrator.Core.Rotations;

namespace Orchestrator.Store.Files;

/// <summary>The files that belong to one state file, all named after it.</summary>
internal sealed record StatePaths(string Database)
{
    public string Directory => Path.GetDirectoryName(Database) ?? "/";

    public string KeyFile => Database + ".key";

    public string LockDirectory => Database + ".locks";

    /// <summary>LiteDB's write-ahead log: <c>state-log.db</c> beside <c>state.db</c>.</summary>
    public string LiteDbLog => Path.Combine(Directory, Path.GetFileNameWithoutExtension(Database) + "-log" + Path.GetExtension(Database));

    /// <summary>A rotation's run lock; every <see cref="RotationId"/> is fit to be a file name (<see cref="RotationId.Rule"/>).</summary>
    public string LockFile(RotationId rotationId) => Path.Combine(LockDirectory, $"{rotationId}.lock");

    public static StatePaths For(string path) => new(Path.GetFullPath(path));
}

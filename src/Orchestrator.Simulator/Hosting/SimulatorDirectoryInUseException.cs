namespace Orchestrator.Simulator.Hosting;

/// <summary>Another running simulator is using the directory asked for; nothing in it was changed.</summary>
public sealed class SimulatorDirectoryInUseException : IOException
{
    public SimulatorDirectoryInUseException(string directory, int? holderPid)
        : base($"{directory} is in use by another simulator{(holderPid is { } pid ? $" (pid {pid})" : string.Empty)}")
    {
        Directory = directory;
        HolderPid = holderPid;
    }

    public SimulatorDirectoryInUseException()
    {
    }

    public SimulatorDirectoryInUseException(string message)
        : base(message)
    {
    }

    public SimulatorDirectoryInUseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string Directory { get; } = string.Empty;

    /// <summary>The process id of the simulator using it, when it could be read.</summary>
    public int? HolderPid { get; }
}

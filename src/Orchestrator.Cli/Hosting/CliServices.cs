using Microsoft.Extensions.Logging;
using Orchestrator.Core.Cluster;
using Orchestrator.Core.Persistence;
using Orchestrator.Kubernetes;
using Orchestrator.Store;

namespace Orchestrator.Cli.Hosting;

/// <summary>
/// What the commands work with, one per invocation. The loggers are asked for only when something logs: for a
/// command, they come from a host built on first use (<see cref="OnDemandHost"/>).
/// </summary>
internal sealed class CliServices(Func<ILoggerFactory> loggers, TimeProvider time)
{
    /// <summary>The user agent of <c>verify</c>'s requests; every other command's is the client's default.</summary>
    public const string VerifyUserAgent = "orchestrator-verify/1.0";

    public ILoggerFactory Loggers => loggers();

    /// <summary>The command's <c>--state</c> as given, or null when it was left to the default.</summary>
    public string? StateArgument { get; init; }

    /// <summary>The state file the command uses, in full.</summary>
    public string StatePath => Path.GetFullPath(StateArgument ?? StoreOptions.DefaultPath());

    /// <summary>What a command printed for the user to run needs to reach the same state file: <c> --state PATH</c>, or nothing.</summary>
    public string StateOption => StateArgument is null ? string.Empty : " --state " + Orchestrator.Cli.Output.ShellWords.Quote(StatePath);

    public TimeProvider Time { get; } = time;

    public TextWriter Output { get; init; } = Console.Out;

    public TextWriter Error { get; init; } = Console.Error;

    /// <summary>Whether stderr is a terminal, where progress can be redrawn in place.</summary>
    public bool Interactive { get; init; } = !Console.IsErrorRedirected;

    /// <summary>Opens the regions; made on first use, so that commands that never reach a cluster do not load the client.</summary>
    public IClusterConnector Connector
    {
        get => field ??= new KubernetesClusterConnector(Loggers, Time);
        init;
    }

    /// <summary>
    /// A connector for <c>verify</c>, whose own user agent sets its requests apart in the API server's audit log from
    /// those of a rotation running at the same time.
    /// </summary>
    public IClusterConnector VerifyConnector => new KubernetesClusterConnector(Loggers, Time, new KubernetesClientOptions { UserAgent = VerifyUserAgent });

    /// <summary>The state file: <c>--state</c>, else the default path; its key from ORCHESTRATOR_STATE_KEY when set.</summary>
    public IRotationStore OpenStore(string? path) => LiteDbRotationStore.Open(Options(path), Time);

    /// <summary>
    /// The state file for a command that only reads, opened so that nothing is created or changed. Null when the
    /// path is the built-in default (neither <c>--state</c> nor ORCHESTRATOR_STATE names one) and nothing is there:
    /// no rotation was ever run. Any other missing path is refused, naming it: a path given is meant to exist.
    /// </summary>
    public IRotationStore? OpenReader(string? path)
    {
        var options = Options(path);
        var builtInDefault = path is null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(StoreOptions.StateVariable));
        return builtInDefault && !Path.Exists(options.Path) ? null : LiteDbRotationStore.OpenReadOnly(options, Time);
    }

    private static StoreOptions Options(string? path)
    {
        var key = Environment.GetEnvironmentVariable(StoreOptions.KeyVariable);
        return new StoreOptions(path ?? StoreOptions.DefaultPath()) { KeyOverride = string.IsNullOrEmpty(key) ? null : key };
    }
}

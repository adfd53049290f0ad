namespace Orchestrator.Kubernetes.Observation;

/// <summary>The list-then-watch loop of one kind, whatever the kind.</summary>
internal interface IKindWatch
{
    /// <summary>Lists the kind; the update returned replaces what the cache knows.</summary>
    Task<Func<bool>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Watches from the last list, sending each change as an update, until the token ends.</summary>
    Task RunAsync(System.Threading.Channels.ChannelWriter<Func<bool>> changes, CancellationToken cancellationToken);
}

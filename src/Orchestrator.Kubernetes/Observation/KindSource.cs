using Orchestrator.Kubernetes.Resilience;

namespace Orchestrator.Kubernetes.Observation;

/// <summary>How to list and watch one kind of object of a region, each object read as the status a rotation keeps of it.</summary>
/// <param name="Watch">Opens a watch from a resource version.</param>
internal sealed record KindSource<TStatus>(
    ApiOperation ListOperation,
    ApiOperation WatchOperation,
    Func<CancellationToken, Task<ListResult<TStatus>>> List,
    Func<string, CancellationToken, IAsyncEnumerable<WatchChange<TStatus>>> Watch);

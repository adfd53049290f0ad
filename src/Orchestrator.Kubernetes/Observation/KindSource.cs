using k8s;
using Orchestrator.Kubernetes.Resilience;

namespace Orchestrator.Kubernetes.Observation;

/// <summary>How to list and watch one kind of object of a region, and what of each object to keep.</summary>
/// <param name="Watch">Opens a watch from a resource version; error events go to the callback.</param>
internal sealed record KindSource<TObject, TStatus>(
    ApiOperation ListOperation,
    ApiOperation WatchOperation,
    Func<CancellationToken, Task<ListResult<TObject>>> List,
    Func<string, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType Type, TObject Object)>> Watch,
    Func<TObject, TStatus> Map);

using System.Text.Json;

namespace Orchestrator.Kubernetes.Objects;

/// <summary>
/// One event of a watch. Its object is kept as JSON until the event is known not to be an error, whose object is a
/// Status rather than one of the watched kind.
/// </summary>
internal sealed record WatchEventJson(string? Type, JsonElement Object);

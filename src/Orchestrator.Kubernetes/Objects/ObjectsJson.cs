using System.Text.Json.Serialization;

namespace Orchestrator.Kubernetes.Objects;

/// <summary>The serializer's code for the objects a rotation reads, generated at build time; fields not named here are skipped.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ListJson<PodJson>))]
[JsonSerializable(typeof(ListJson<StatefulSetJson>))]
[JsonSerializable(typeof(ListJson<SecretJson>))]
[JsonSerializable(typeof(WatchEventJson))]
[JsonSerializable(typeof(StatusJson))]
internal sealed partial class ObjectsJson : JsonSerializerContext;

namespace Orchestrator.Kubernetes.Objects;

/// <summary>What an observation reads of the CA Secret: its annotations (in the metadata) and its data.</summary>
internal sealed record SecretJson(ObjectMeta? Metadata, IReadOnlyDictionary<string, byte[]>? Data) : IObjectJson;

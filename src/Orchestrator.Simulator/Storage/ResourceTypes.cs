using k8s.Models;

namespace Orchestrator.Simulator.Storage;

/// <summary>The kinds the simulated API server serves, as discovery announces them.</summary>
internal static class ResourceTypes
{
    private static readonly string[] AllVerbs = ["create", "delete", "get", "list", "patch", "update", "watch"];

    public static readonly ResourceType Namespaces = ResourceType.Create<V1Namespace>(
        string.Empty, "v1", "namespaces", "Namespace", namespaced: false, ["ns"], ["create", "get", "list", "patch", "update", "watch"], ["status"], new NamespaceStrategy());

    public static readonly ResourceType Secrets = ResourceType.Create<V1Secret>(
        string.Empty, "v1", "secrets", "Secret", namespaced: true, [], AllVerbs, [], new SecretStrategy());

    public static readonly ResourceType Pods = ResourceType.Create<V1Pod>(
        string.Empty, "v1", "pods", "Pod", namespaced: true, ["po"], AllVerbs, ["status"], new PodStrategy(), new ResourceNames(["all"]));

    public static readonly ResourceType Events = ResourceType.Create<Corev1Event>(
        string.Empty, "v1", "events", "Event", namespaced: true, ["ev"], AllVerbs, [], new EventStrategy());

    public static readonly ResourceType StatefulSets = ResourceType.Create<V1StatefulSet>(
        "apps", "v1", "statefulsets", "StatefulSet", namespaced: true, ["sts"], AllVerbs, ["status"], new StatefulSetStrategy(), new ResourceNames(["all"]));

    public static readonly ResourceType Leases = ResourceType.Create<V1Lease>(
        "coordination.k8s.io", "v1", "leases", "Lease", namespaced: true, [], AllVerbs, [], ResourceStrategy.Default);

    public static readonly ResourceType CustomResourceDefinitions = ResourceType.Create<V1CustomResourceDefinition>(
        "apiextensions.k8s.io",
        "v1",
        "customresourcedefinitions",
        "CustomResourceDefinition",
        namespaced: false,
        ["crd", "crds"],
        AllVerbs,
        ["status"],
        new CustomResourceDefinitionStrategy(),
        new ResourceNames(["api-extensions"]));

    /// <summary>The built-in kinds; a region's store adds those its CustomResourceDefinitions establish.</summary>
    public static readonly IReadOnlyList<ResourceType> All = [Namespaces, Secrets, Pods, Events, StatefulSets, Leases, CustomResourceDefinitions];
}

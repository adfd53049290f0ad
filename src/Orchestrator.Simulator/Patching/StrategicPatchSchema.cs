using System.Collections.Frozen;

namespace Orchestrator.Simulator.Patching;

/// <summary>
/// The list patch strategies of the core types the simulator serves (Secret, Pod, StatefulSet, Lease,
/// Namespace), as declared in k8s.io/api core/v1, apps/v1 and meta/v1.
/// </summary>
/// <remarks>
/// Fields are looked up by the name of the object field that holds them (for elements of a list, the
/// list's name): <c>spec.template.spec.containers</c> and a Pod's <c>spec.containers</c> both have parent
/// <c>spec</c>, a container's <c>env</c> has parent <c>containers</c>. Lists not named here are replaced
/// wholesale, as Kubernetes does for fields without a patch strategy (tolerations, envFrom, args,
/// Namespace <c>spec.finalizers</c>, ...).
/// </remarks>
internal static class StrategicPatchSchema
{
    private static readonly string[] ContainerLists = ["containers", "initContainers", "ephemeralContainers"];

    private static readonly FrozenDictionary<string, PatchListStrategy> Lists = Build();

    public static PatchListStrategy ListStrategy(string parent, string field) =>
        Lists.TryGetValue(parent + "/" + field, out var strategy) ? strategy : PatchListStrategy.ReplaceList;

    private static FrozenDictionary<string, PatchListStrategy> Build()
    {
        var lists = new Dictionary<string, PatchListStrategy>
        {
            // ObjectMeta, wherever it appears (top level, pod template, volume claim templates).
            ["metadata/finalizers"] = PatchListStrategy.MergePrimitives,
            ["metadata/ownerReferences"] = PatchListStrategy.MergeBy("uid"),

            // PodSpec.
            ["spec/volumes"] = PatchListStrategy.MergeBy("name"),
            ["spec/imagePullSecrets"] = PatchListStrategy.MergeBy("name"),
            ["spec/hostAliases"] = PatchListStrategy.MergeBy("ip"),
            ["spec/topologySpreadConstraints"] = PatchListStrategy.MergeBy("topologyKey"),
            ["spec/schedulingGates"] = PatchListStrategy.MergeBy("name"),
            ["spec/resourceClaims"] = PatchListStrategy.MergeBy("name"),

            // PodStatus, StatefulSetStatus and NamespaceStatus conditions are all keyed by type.
            ["status/conditions"] = PatchListStrategy.MergeBy("type"),
            ["status/podIPs"] = PatchListStrategy.MergeBy("ip"),
            ["status/hostIPs"] = PatchListStrategy.MergeBy("ip"),
        };

        foreach (var containers in ContainerLists)
        {
            lists["spec/" + containers] = PatchListStrategy.MergeBy("name");
            lists[containers + "/env"] = PatchListStrategy.MergeBy("name");
            lists[containers + "/ports"] = PatchListStrategy.MergeBy("containerPort");
            lists[containers + "/volumeMounts"] = PatchListStrategy.MergeBy("mountPath");
            lists[containers + "/volumeDevices"] = PatchListStrategy.MergeBy("devicePath");
        }

        return lists.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

using k8s.Models;
using Orchestrator.Simulator.Storage;

namespace Orchestrator.Simulator.Controllers;

/// <summary>The facts about a pod that the StatefulSet controller and kubectl judge it by.</summary>
internal static class PodState
{
    public const string RevisionLabel = "controller-revision-hash";

    public static bool IsCreated(V1Pod pod) => !string.IsNullOrEmpty(pod.Status?.Phase);

    public static bool IsTerminating(V1Pod pod) => pod.Metadata.DeletionTimestamp is not null;

    public static bool IsReady(V1Pod pod) =>
        pod.Status?.Conditions?.Any(condition => condition.Type == "Ready" && condition.Status == "True") == true;

    public static bool IsRunningAndReady(V1Pod pod) => pod.Status?.Phase == "Running" && IsReady(pod);

    public static bool IsHealthy(V1Pod pod) => IsRunningAndReady(pod) && !IsTerminating(pod);

    public static string? Revision(V1Pod pod) => pod.Metadata.Labels.Find(RevisionLabel);

    /// <summary>The ordinal of a StatefulSet pod named <c>SET-N</c>, or -1 when the name is not of that set.</summary>
    public static int Ordinal(string setName, string podName) =>
        podName.Length > setName.Length + 1
        && podName.StartsWith(setName + "-", StringComparison.Ordinal)
        && int.TryParse(podName.AsSpan(setName.Length + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ordinal)
            ? ordinal
            : -1;
}

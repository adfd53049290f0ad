using System.Globalization;
using System.Text;
using k8s;
using k8s.Models;

namespace Orchestrator.Simulator.Controllers;

/// <summary>
/// The name of a StatefulSet's ControllerRevision for a pod template: <c>SET-HASH</c>, where the hash is the FNV-1a
/// of the template spelled with Kubernetes' safe alphabet, as <c>controller.ComputeHash</c> does.
/// </summary>
internal static class RevisionName
{
    private const string SafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string For(V1StatefulSet set)
    {
        var template = Encoding.UTF8.GetBytes(KubernetesJson.Serialize(set.Spec.Template));
        var hash = 2166136261u;
        foreach (var value in template)
        {
            hash = unchecked((hash ^ value) * 16777619u);
        }

        hash = unchecked((hash ^ (uint)(set.Status?.CollisionCount ?? 0)) * 16777619u);
        var digits = hash.ToString(CultureInfo.InvariantCulture);
        var safe = new StringBuilder(digits.Length);
        foreach (var digit in digits)
        {
            safe.Append(SafeAlphabet[digit % SafeAlphabet.Length]);
        }

        return $"{set.Metadata.Name}-{safe}";
    }
}

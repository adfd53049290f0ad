using Orchestrator.Controller.Resources;
using Orchestrator.Core.Gates;
using Orchestrator.Core.Specs;

namespace Orchestrator.Controller.Specs;

/// <summary>
/// A CaRotation's spec as the engine's <see cref="RotationSpec"/>: the spec file's rules and defaults, each problem
/// named by its field in the resource (<c>spec.regions[1].name</c>), all of them at once.
/// </summary>
internal static class CaRotationSpecReader
{
    /// <param name="kubeconfigOf">How each region's credentials are named in messages.</param>
    public static RotationSpec Read(CaRotationSpec spec, Func<RegionSource, string> kubeconfigOf)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var problems = new List<string>();
        Check("spec.cluster", spec.Cluster, SpecRules.ClusterProblem);
        Check("spec.namespace", spec.Namespace, SpecRules.NamespaceProblem);
        Check("spec.caSecret", spec.CaSecret, SpecRules.SecretNameProblem);
        var extraCaKey = spec.ExtraCaKey ?? RotationSpec.DefaultExtraCaKey;
        Check("spec.extraCaKey", extraCaKey, SpecRules.ExtraCaKeyProblem);
        var newCa = NewCa(spec.NewCa, problems);

        var regions = new List<RegionSpec>();
        if (spec.Regions is not { Count: > 0 })
        {
            problems.Add("spec.regions: is empty: list every region (name, and kubeconfigSecretRef and context unless it is this cluster) in the order to visit them");
        }

        for (var index = 0; index < (spec.Regions?.Count ?? 0); index++)
        {
            var region = spec.Regions![index];
            var path = $"spec.regions[{index}]";
            var ns = region.Namespace ?? spec.Namespace;
            if (region.KubeconfigSecretRef is null && region.Context is not null)
            {
                problems.Add($"{path}.context: applies only with kubeconfigSecretRef; without it the region is the controller's own cluster: remove context, or add the kubeconfig Secret it belongs to");
                continue;
            }

            if (Check($"{path}.name", region.Name, SpecRules.RegionNameProblem)
                && Check($"{path}.namespace", ns, SpecRules.RegionNamespaceProblem)
                && Check($"{path}.name", region.Name, name => regions.Any(known => known.Name == name) ? SpecRules.DuplicateRegion(name) : null))
            {
                regions.Add(new RegionSpec(region.Name, kubeconfigOf(region), region.Context, ns) { MaintenanceWindows = Windows($"{path}.maintenanceWindows", region.MaintenanceWindows, problems) });
            }
        }

        var timeout = RotationSpec.DefaultRolloutTimeout;
        if (spec.Rollout?.Timeout is { } text && SpecRules.TimeoutProblem(text, out timeout) is { } timeoutProblem)
        {
            problems.Add($"spec.rollout.timeout: {timeoutProblem}");
        }

        var approval = ApprovalModes.Parse(spec.Approval, out var approvalProblem);
        if (approvalProblem is not null)
        {
            problems.Add($"spec.approval: {approvalProblem}");
        }

        var windows = Windows("spec.maintenanceWindows", spec.MaintenanceWindows, problems) ?? [];
        return problems.Count == 0 && newCa is not null && approval is not null
            ? new RotationSpec(spec.Cluster, spec.Namespace, spec.CaSecret, extraCaKey, newCa, regions, timeout) { Approval = approval.Value, MaintenanceWindows = windows }
            : throw new SpecException(problems);

        bool Check(string field, string? value, Func<string, string?> rule)
        {
            var problem = value is null ? "is required" : rule(value);
            if (problem is not null)
            {
                problems.Add($"{field}: {problem}");
            }

            return problem is null;
        }
    }

    /// <summary>The windows under <paramref name="path"/>: null when absent; each problem named by its field.</summary>
    private static List<MaintenanceWindow>? Windows(string path, IReadOnlyList<MaintenanceWindowSource>? sources, List<string> problems)
    {
        if (sources is null)
        {
            return null;
        }

        if (sources.Count == 0)
        {
            problems.Add($"{path}: is empty: list windows as {{cron, duration, timeZone}}, or leave the field out to allow any time");
            return null;
        }

        var windows = new List<MaintenanceWindow>();
        for (var index = 0; index < sources.Count; index++)
        {
            var at = $"{path}[{index}]";
            var source = sources[index];
            var zone = source.TimeZone ?? "UTC";
            var problem = source.Cron is null ? $"{at}.cron: is required"
                : WindowRules.CronProblem(source.Cron) is { } cronProblem ? $"{at}.cron: {cronProblem}"
                : source.Duration is null ? $"{at}.duration: is required"
                : WindowRules.TimeZoneProblem(zone) is { } zoneProblem ? $"{at}.timeZone: {zoneProblem}"
                : null;
            string? durationProblem = null;
            var duration = problem is null ? WindowRules.Duration(source.Duration!, out durationProblem) : null;
            if (durationProblem is not null)
            {
                problem = $"{at}.duration: {durationProblem}";
            }

            if (problem is not null)
            {
                problems.Add(problem);
                continue;
            }

            windows.Add(new MaintenanceWindow(source.Cron!, duration!.Value, zone));
        }

        return windows.Count == sources.Count ? windows : null;
    }

    private static NewCaSpec? NewCa(NewCaSource source, List<string> problems)
    {
        if (source is null)
        {
            problems.Add("spec.newCa: is required: give an alias to generate the new CA, or secretRef to bring your own");
            return null;
        }

        if (source.Alias is not null && source.SecretRef is not null)
        {
            problems.Add("spec.newCa: give either alias (to generate the CA) or secretRef (to bring your own), not both");
            return null;
        }

        if (source.SecretRef is { } reference)
        {
            if (source.KeySize is not null || source.ValidityDays is not null)
            {
                problems.Add("spec.newCa: keySize and validityDays apply only to a generated CA; remove them, or use alias instead of secretRef");
                return null;
            }

            // A brought CA is read from its Secret when preflight runs; these name it where a spec file names files.
            return new NewCaSpec(null, 0, 0, $"secret {reference.Name} certificate", $"secret {reference.Name} key");
        }

        if (source.Alias is null)
        {
            problems.Add("spec.newCa: give alias (to generate the CA) or secretRef (to bring your own)");
            return null;
        }

        var problem = NewCaRules.AliasProblem(source.Alias) is { } aliasProblem ? $"spec.newCa.alias: {aliasProblem}"
            : source.KeySize is { } keySize && NewCaRules.KeySizeProblem(keySize) is { } keyProblem ? $"spec.newCa.keySize: {keyProblem}"
            : source.ValidityDays is { } days && NewCaRules.ValidityProblem(days) is { } validityProblem ? $"spec.newCa.validityDays: {validityProblem}"
            : null;
        if (problem is not null)
        {
            problems.Add(problem);
            return null;
        }

        return new NewCaSpec(source.Alias, source.KeySize ?? NewCaSpec.DefaultKeySize, source.ValidityDays ?? NewCaSpec.DefaultValidityDays, null, null);
    }
}

using System.Globalization;
using Orchestrator.Controller.Resources;
using Orchestrator.Controller.Specs;
using Orchestrator.Core.Specs;

namespace Orchestrator.Controller.Schedules;

/// <summary>
/// A CaRotationSchedule's spec, checked as a whole: its own fields, and its template as every CaRotation's spec is
/// checked, each problem named by its field (<c>spec.template.regions[0].name</c>), all of them at once.
/// </summary>
internal static class ScheduleSpecReader
{
    private const string TemplatePath = "spec.template";

    /// <exception cref="SpecException">Every problem found.</exception>
    public static ScheduleSettings Read(CaRotationScheduleSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var problems = new List<string>();
        var renewal = Renewal(spec, problems);
        var historyLimit = spec.HistoryLimit ?? ScheduleSettings.DefaultHistoryLimit;
        if (historyLimit is < 1 or > ScheduleSettings.MaximumHistoryLimit)
        {
            // At least the last one stays: a rolled-back rotation must be seen, or the schedule would start it again.
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"spec.historyLimit: {historyLimit} is out of range; keep between 1 and {ScheduleSettings.MaximumHistoryLimit} finished CaRotations (default {ScheduleSettings.DefaultHistoryLimit})"));
        }

        if (spec.Template is not { } template)
        {
            problems.Add($"{TemplatePath}: is required: give the spec of the CaRotations to create (cluster, namespace, caSecret, newCa, regions)");
            throw new SpecException(problems);
        }

        var alias = Alias(template, problems);
        if (template.Abort == true)
        {
            problems.Add($"{TemplatePath}.abort: a scheduled rotation cannot start aborted; remove it (abort a running CaRotation on the CaRotation itself)");
        }

        if (template.ApprovedStep is not null)
        {
            problems.Add($"{TemplatePath}.approvedStep: approvals are given to each CaRotation as it waits, not in advance; remove it");
        }

        if (renewal?.Ahead is { } ahead && template.NewCa?.ValidityDays is var days && ahead >= TimeSpan.FromDays(days ?? NewCaSpec.DefaultValidityDays))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"spec.renewBefore: {GoDuration.Format(ahead)} is not shorter than a new CA's validity ({days ?? NewCaSpec.DefaultValidityDays} days): every new CA would be due at once; renew later, or raise {TemplatePath}.newCa.validityDays"));
        }

        // The template is checked as a CaRotation's spec, with an alias such as the pattern gives.
        try
        {
            var sample = alias is null ? template : template with { NewCa = template.NewCa! with { Alias = alias.Expand(DateTimeOffset.UnixEpoch) } };
            CaRotationSpecReader.Read(sample, _ => "of the region");
        }
        catch (SpecException invalid)
        {
            problems.AddRange(invalid.Problems
                .Where(problem => alias is not null || !problem.StartsWith("spec.newCa", StringComparison.Ordinal))
                .Select(problem => problem.StartsWith("spec.", StringComparison.Ordinal) ? TemplatePath + problem[4..] : problem));
        }

        return problems.Count == 0 ? new ScheduleSettings(template, alias!, renewal!, historyLimit) : throw new SpecException(problems);
    }

    private static RenewalPolicy? Renewal(CaRotationScheduleSpec spec, List<string> problems)
    {
        switch (spec.RenewBefore, spec.RenewBeforePercentage)
        {
            case (not null, not null):
                problems.Add("spec: give renewBefore or renewBeforePercentage, not both");
                return null;
            case (null, null):
                return RenewalPolicy.Default;
            case ({ } text, null):
                if (!GoDuration.TryParse(text, out var ahead) || ahead <= TimeSpan.Zero)
                {
                    problems.Add($"spec.renewBefore: '{text}' is not a positive duration; use hours, minutes and seconds as Kubernetes writes them, e.g. 720h for 30 days");
                    return null;
                }

                return RenewalPolicy.Before(ahead);
            case (null, { } percentage):
                if (percentage is < 1 or > 99)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"spec.renewBeforePercentage: {percentage} is out of range; use 1 to 99 (the share of the CA's lifetime left when its rotation starts)"));
                    return null;
                }

                return RenewalPolicy.BeforePercentage(percentage);
        }
    }

    private static AliasPattern? Alias(CaRotationSpec template, List<string> problems)
    {
        var path = $"{TemplatePath}.newCa";
        if (template.NewCa is not { } newCa)
        {
            problems.Add($"{path}: is required: give alias, a pattern such as ca-{{yyyyMMdd}} for each new CA's subject");
            return null;
        }

        if (newCa.SecretRef is not null)
        {
            problems.Add($"{path}.secretRef: a schedule generates each new CA and cannot bring one CA many times; remove secretRef and give alias, such as ca-{{yyyyMMdd}}");
            return null;
        }

        if (newCa.Alias is null)
        {
            problems.Add($"{path}.alias: is required: give a pattern such as ca-{{yyyyMMdd}}, expanded with each CaRotation's creation date (UTC)");
            return null;
        }

        var (pattern, problem) = AliasPattern.Parse(newCa.Alias);
        if (problem is not null)
        {
            problems.Add($"{path}.alias: {problem}");
        }

        return pattern;
    }
}

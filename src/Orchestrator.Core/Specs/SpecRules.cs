using System.Text.RegularExpressions;

namespace Orchestrator.Core.Specs;

/// <summary>
/// What a rotation's names and timeout may be, wherever the spec comes from (a spec file, a CaRotation): each check
/// gives null, or what is wrong and what to use instead. The caller says which field it is.
/// </summary>
public static partial class SpecRules
{
    /// <summary>Kubernetes' limits: an object name is a DNS subdomain (253), a namespace a DNS label (63).</summary>
    public const int MaximumNameLength = 253;
    public const int MaximumNamespaceLength = 63;

    public static readonly TimeSpan MaximumTimeout = TimeSpan.FromDays(7);

    public static string? ClusterProblem(string value) => NameProblem(value, DnsSubdomain(), MaximumNameLength, "a Kubernetes name (lower case letters, digits, '-' and '.')");

    public static string? NamespaceProblem(string value) => NameProblem(value, DnsLabel(), MaximumNamespaceLength, "a Kubernetes namespace name (lower case letters, digits and '-')");

    public static string? SecretNameProblem(string value) => NameProblem(value, DnsSubdomain(), MaximumNameLength, "a Secret name (lower case letters, digits, '-' and '.')");

    /// <summary>A region's own namespace, said as the spec file has always said it.</summary>
    public static string? RegionNamespaceProblem(string value) =>
        TooLong(value, MaximumNamespaceLength) ?? (DnsLabel().IsMatch(value) ? null : $"{YamlFields.Quote(value)} is not a Kubernetes namespace name");

    public static string? RegionNameProblem(string value) =>
        DnsLabel().IsMatch(value) ? null : $"{YamlFields.Quote(value)} is not a usable region name; use lower case letters, digits and '-'";

    public static string DuplicateRegion(string value) =>
        $"region {YamlFields.Quote(value)} is listed twice; each region once, in the order to visit them";

    public static string? ExtraCaKeyProblem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.EndsWith(".crt", StringComparison.Ordinal))
        {
            // The operator trusts only entries whose key ends in .crt: any other name would be silently ignored.
            return $"{YamlFields.Quote(value)} does not end in .crt, so the operator would not trust it; use a name like ca2.crt";
        }

        return value == "ca.crt" || !SecretKey().IsMatch(value)
            ? $"{YamlFields.Quote(value)} cannot be the extra entry; use a Secret key like ca2.crt (letters, digits, '-', '_', '.'), other than ca.crt"
            : null;
    }

    /// <summary>The rollout timeout, or what is wrong with its text.</summary>
    public static string? TimeoutProblem(string text, out TimeSpan timeout) =>
        GoDuration.TryParse(text, out timeout) && timeout > TimeSpan.Zero && timeout <= MaximumTimeout
            ? null
            : $"{YamlFields.Quote(text)} is not a duration between 1s and 168h; write it like 30m, 1h or 90s";

    private static string? NameProblem(string value, Regex pattern, int maximumLength, string expected)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TooLong(value, maximumLength) ?? (pattern.IsMatch(value) ? null : $"{YamlFields.Quote(value)} is not {expected}");
    }

    /// <summary>A name longer than Kubernetes allows: said as such, since its characters may all be fine.</summary>
    private static string? TooLong(string value, int maximumLength) => value.Length > maximumLength
        ? $"{YamlFields.Quote(value)} is {value.Length} characters long; Kubernetes allows at most {maximumLength} here"
        : null;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex("^[-._a-zA-Z0-9]{1,253}$")]
    private static partial Regex SecretKey();
}

using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Core.Specs;

/// <summary>
/// Reads a rotation spec (YAML) strictly: unknown fields, wrong types, missing fields and unsafe values are all
/// reported, each with the file, line and field, and nothing is guessed. Relative paths are taken relative to the
/// spec file.
/// </summary>
public static partial class SpecParser
{
    /// <summary>Specs are a few hundred bytes; anything past this is not a spec.</summary>
    public const int MaximumBytes = 1024 * 1024;

    private static readonly string[] RootFields = ["cluster", "namespace", "caSecret", "extraCaKey", "newCa", "regions", "rollout"];
    private static readonly TimeSpan MaximumTimeout = TimeSpan.FromDays(7);

    /// <summary>Kubernetes' limits: an object name is a DNS subdomain (253), a namespace a DNS label (63).</summary>
    private const int MaximumNameLength = 253;
    private const int MaximumNamespaceLength = 63;

    public static RotationSpec ParseFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (Directory.Exists(path))
            {
                throw new SpecException($"{path}: is a directory; pass the rotation spec file itself with --spec FILE");
            }

            if (!info.Exists)
            {
                throw new SpecException($"{path}: no such file; pass the rotation spec with --spec FILE");
            }

            if (info.Length > MaximumBytes)
            {
                throw new SpecException($"{name}: {info.Length} bytes is too large for a rotation spec (at most {MaximumBytes})");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            throw new SpecException($"{path}: cannot read the spec: {failure.Message}");
        }

        return Parse(bytes, name, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    public static RotationSpec Parse(byte[] bytes, string source, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length > MaximumBytes)
        {
            throw new SpecException($"{source}: {bytes.Length} bytes is too large for a rotation spec (at most {MaximumBytes})");
        }

        string text;
        try
        {
            // A byte-order mark is how some editors save UTF-8: not part of the text.
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new SpecException($"{source}: is not UTF-8 text; save the spec as UTF-8 YAML");
        }

        var stream = new YamlStream();
        try
        {
            if (YamlBounds.Problem(text) is { } problem)
            {
                throw new SpecException($"{source} {problem}; a rotation spec is a few plain fields, without deep nesting or aliases to large nodes");
            }

            stream.Load(new StringReader(text));
        }
        catch (YamlException invalid)
        {
            throw new SpecException($"{source} line {invalid.Start.Line}: not valid YAML: {invalid.Message}");
        }

        if (stream.Documents.Count != 1)
        {
            throw new SpecException($"{source}: expected one YAML document, found {stream.Documents.Count}");
        }

        var fields = new YamlFields(source);
        var spec = Read(stream.Documents[0].RootNode, fields, baseDirectory);
        return fields.Problems.Count == 0 && spec is not null ? spec : throw new SpecException(fields.Problems);
    }

    private static RotationSpec? Read(YamlNode root, YamlFields fields, string baseDirectory)
    {
        var mapping = fields.AsMapping(root, "spec");
        if (mapping is null)
        {
            return null;
        }

        fields.RejectUnknown(mapping, string.Empty, RootFields);
        var cluster = Name(fields, mapping, "cluster", DnsSubdomain(), MaximumNameLength, "a Kubernetes name (lower case letters, digits, '-' and '.')");
        var ns = Name(fields, mapping, "namespace", DnsLabel(), MaximumNamespaceLength, "a Kubernetes namespace name (lower case letters, digits and '-')");
        var caSecret = Name(fields, mapping, "caSecret", DnsSubdomain(), MaximumNameLength, "a Secret name (lower case letters, digits, '-' and '.')");
        var extraCaKey = ExtraCaKey(fields, mapping);
        var newCa = NewCa(fields, mapping, baseDirectory);
        var regions = Regions(fields, mapping, ns, baseDirectory);
        var timeout = RolloutTimeout(fields, mapping);
        return cluster is null || ns is null || caSecret is null || extraCaKey is null || newCa is null || regions is null || timeout is null
            ? null
            : new RotationSpec(cluster, ns, caSecret, extraCaKey, newCa, regions, timeout.Value);
    }

    private static string? Name(YamlFields fields, YamlMappingNode mapping, string key, Regex pattern, int maximumLength, string expected)
    {
        var value = fields.Text(mapping, key, key, required: true);
        if (value is not null && TooLong(value, maximumLength) is { } tooLong)
        {
            fields.Problem(YamlFields.Child(mapping, key), key, tooLong);
            return null;
        }

        if (value is not null && !pattern.IsMatch(value))
        {
            fields.Problem(YamlFields.Child(mapping, key), key, $"{YamlFields.Quote(value)} is not {expected}");
            return null;
        }

        return value;
    }

    /// <summary>A name longer than Kubernetes allows: said as such, since its characters may all be fine.</summary>
    private static string? TooLong(string value, int maximumLength) => value.Length > maximumLength
        ? $"{YamlFields.Quote(value)} is {value.Length} characters long; Kubernetes allows at most {maximumLength} here"
        : null;

    private static string? ExtraCaKey(YamlFields fields, YamlMappingNode mapping)
    {
        var value = fields.Text(mapping, "extraCaKey", "extraCaKey", required: false) ?? RotationSpec.DefaultExtraCaKey;
        var node = YamlFields.Child(mapping, "extraCaKey");
        if (!value.EndsWith(".crt", StringComparison.Ordinal))
        {
            // The operator trusts only entries whose key ends in .crt: any other name would be silently ignored.
            fields.Problem(node, "extraCaKey", $"{YamlFields.Quote(value)} does not end in .crt, so the operator would not trust it; use a name like ca2.crt");
            return null;
        }

        if (value == "ca.crt" || !SecretKey().IsMatch(value))
        {
            fields.Problem(node, "extraCaKey", $"{YamlFields.Quote(value)} cannot be the extra entry; use a Secret key like ca2.crt (letters, digits, '-', '_', '.'), other than ca.crt");
            return null;
        }

        return value;
    }

    private static NewCaSpec? NewCa(YamlFields fields, YamlMappingNode root, string baseDirectory)
    {
        var node = YamlFields.Child(root, "newCa");
        if (node is null)
        {
            fields.Problem(root, "newCa", "is required: give an alias to generate the new CA, or certFile and keyFile to bring your own");
            return null;
        }

        var mapping = fields.AsMapping(node, "newCa");
        if (mapping is null)
        {
            return null;
        }

        fields.RejectUnknown(mapping, "newCa", "alias", "keySize", "validityDays", "certFile", "keyFile");
        var alias = fields.Text(mapping, "alias", "newCa.alias", required: false);
        var certFile = fields.Text(mapping, "certFile", "newCa.certFile", required: false);
        var keyFile = fields.Text(mapping, "keyFile", "newCa.keyFile", required: false);
        var keySize = fields.Integer(mapping, "keySize", "newCa.keySize", NewCaSpec.MinimumKeySize, NewCaRules.MaximumKeySize, NewCaRules.KeySizeProblem);
        var validity = fields.Integer(mapping, "validityDays", "newCa.validityDays", 1, NewCaRules.MaximumValidityDays);
        if (alias is not null)
        {
            if (certFile is not null || keyFile is not null)
            {
                fields.Problem(mapping, "newCa", "give either alias (to generate the CA) or certFile and keyFile (to bring your own), not both");
                return null;
            }

            if (NewCaRules.AliasProblem(alias) is { } aliasProblem)
            {
                fields.Problem(YamlFields.Child(mapping, "alias"), "newCa.alias", aliasProblem);
                return null;
            }

            return new NewCaSpec(alias, keySize ?? NewCaSpec.DefaultKeySize, validity ?? NewCaSpec.DefaultValidityDays, null, null);
        }

        if (certFile is null || keyFile is null)
        {
            fields.Problem(mapping, "newCa", "give alias (to generate the CA) or both certFile and keyFile (to bring your own)");
            return null;
        }

        if (keySize is not null || validity is not null)
        {
            fields.Problem(mapping, "newCa", "keySize and validityDays apply only to a generated CA; remove them, or use alias instead of certFile/keyFile");
            return null;
        }

        return new NewCaSpec(null, 0, 0, Resolve(baseDirectory, certFile), Resolve(baseDirectory, keyFile));
    }

    private static List<RegionSpec>? Regions(YamlFields fields, YamlMappingNode root, string? defaultNamespace, string baseDirectory)
    {
        var node = YamlFields.Child(root, "regions");
        if (node is not YamlSequenceNode list || list.Children.Count == 0)
        {
            fields.Problem(
                node ?? root,
                "regions",
                node switch
                {
                    null => "is required: list every region (name, kubeconfig, context) in the order to visit them",
                    YamlSequenceNode => "is empty: list every region (name, kubeconfig, context) in the order to visit them",
                    _ => $"expected a list of regions, found {YamlFields.Describe(node)}",
                });
            return null;
        }

        var regions = new List<RegionSpec>();
        for (var index = 0; index < list.Children.Count; index++)
        {
            var path = $"regions[{index}]";
            var mapping = fields.AsMapping(list.Children[index], path);
            if (mapping is null)
            {
                continue;
            }

            fields.RejectUnknown(mapping, path, "name", "kubeconfig", "context", "namespace");
            var name = fields.Text(mapping, "name", $"{path}.name", required: true);
            var kubeconfig = fields.Text(mapping, "kubeconfig", $"{path}.kubeconfig", required: true);
            var context = fields.Text(mapping, "context", $"{path}.context", required: false);
            var ns = fields.Text(mapping, "namespace", $"{path}.namespace", required: false) ?? defaultNamespace;
            if (name is not null && !DnsLabel().IsMatch(name))
            {
                fields.Problem(YamlFields.Child(mapping, "name"), $"{path}.name", $"{YamlFields.Quote(name)} is not a usable region name; use lower case letters, digits and '-'");
                continue;
            }

            if (name is not null && regions.Any(region => region.Name == name))
            {
                fields.Problem(YamlFields.Child(mapping, "name"), $"{path}.name", $"region {YamlFields.Quote(name)} is listed twice; each region once, in the order to visit them");
                continue;
            }

            if (ns is not null && TooLong(ns, MaximumNamespaceLength) is { } tooLong)
            {
                fields.Problem(YamlFields.Child(mapping, "namespace"), $"{path}.namespace", tooLong);
                continue;
            }

            if (ns is not null && !DnsLabel().IsMatch(ns))
            {
                fields.Problem(YamlFields.Child(mapping, "namespace"), $"{path}.namespace", $"{YamlFields.Quote(ns)} is not a Kubernetes namespace name");
                continue;
            }

            if (name is not null && kubeconfig is not null && ns is not null)
            {
                regions.Add(new RegionSpec(name, Resolve(baseDirectory, kubeconfig), context, ns));
            }
        }

        return regions.Count == list.Children.Count ? regions : null;
    }

    private static TimeSpan? RolloutTimeout(YamlFields fields, YamlMappingNode root)
    {
        var node = YamlFields.Child(root, "rollout");
        if (node is null)
        {
            return RotationSpec.DefaultRolloutTimeout;
        }

        var mapping = fields.AsMapping(node, "rollout");
        if (mapping is null)
        {
            return null;
        }

        fields.RejectUnknown(mapping, "rollout", "timeout");
        var text = fields.Text(mapping, "timeout", "rollout.timeout", required: false);
        if (text is null)
        {
            return RotationSpec.DefaultRolloutTimeout;
        }

        if (!GoDuration.TryParse(text, out var timeout) || timeout <= TimeSpan.Zero || timeout > MaximumTimeout)
        {
            fields.Problem(YamlFields.Child(mapping, "timeout"), "rollout.timeout", $"{YamlFields.Quote(text)} is not a duration between 1s and 168h; write it like 30m, 1h or 90s");
            return null;
        }

        return timeout;
    }

    private static string Resolve(string baseDirectory, string path)
    {
        var expanded = path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
            : path;
        return Path.GetFullPath(expanded, baseDirectory);
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex("^[-._a-zA-Z0-9]{1,253}$")]
    private static partial Regex SecretKey();
}

using System.Text;
using Orchestrator.Core.Gates;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Core.Specs;

/// <summary>
/// Reads a rotation spec (YAML) strictly: unknown fields, wrong types, missing fields and unsafe values are all
/// reported, each with the file, line and field, and nothing is guessed. Relative paths are taken relative to the
/// spec file.
/// </summary>
public static class SpecParser
{
    /// <summary>Specs are a few hundred bytes; anything past this is not a spec.</summary>
    public const int MaximumBytes = 1024 * 1024;

    private static readonly string[] RootFields = ["cluster", "namespace", "caSecret", "extraCaKey", "newCa", "regions", "rollout", "approval", "maintenanceWindows"];

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
        var cluster = Name(fields, mapping, "cluster", SpecRules.ClusterProblem);
        var ns = Name(fields, mapping, "namespace", SpecRules.NamespaceProblem);
        var caSecret = Name(fields, mapping, "caSecret", SpecRules.SecretNameProblem);
        var extraCaKey = ExtraCaKey(fields, mapping);
        var newCa = NewCa(fields, mapping, baseDirectory);
        var regions = Regions(fields, mapping, ns, baseDirectory);
        var timeout = RolloutTimeout(fields, mapping);
        var approval = Approval(fields, mapping);
        var windows = Windows(fields, mapping, "maintenanceWindows");
        return cluster is null || ns is null || caSecret is null || extraCaKey is null || newCa is null || regions is null || timeout is null || approval is null || windows is null
            ? null
            : new RotationSpec(cluster, ns, caSecret, extraCaKey, newCa, regions, timeout.Value) { Approval = approval.Value, MaintenanceWindows = windows };
    }

    private static string? Name(YamlFields fields, YamlMappingNode mapping, string key, Func<string, string?> rule)
    {
        var value = fields.Text(mapping, key, key, required: true);
        if (value is not null && rule(value) is { } problem)
        {
            fields.Problem(YamlFields.Child(mapping, key), key, problem);
            return null;
        }

        return value;
    }

    private static string? ExtraCaKey(YamlFields fields, YamlMappingNode mapping)
    {
        var value = fields.Text(mapping, "extraCaKey", "extraCaKey", required: false) ?? RotationSpec.DefaultExtraCaKey;
        if (SpecRules.ExtraCaKeyProblem(value) is { } problem)
        {
            fields.Problem(YamlFields.Child(mapping, "extraCaKey"), "extraCaKey", problem);
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

            fields.RejectUnknown(mapping, path, "name", "kubeconfig", "context", "namespace", "maintenanceWindows");
            var name = fields.Text(mapping, "name", $"{path}.name", required: true);
            var kubeconfig = fields.Text(mapping, "kubeconfig", $"{path}.kubeconfig", required: true);
            var context = fields.Text(mapping, "context", $"{path}.context", required: false);
            var ns = fields.Text(mapping, "namespace", $"{path}.namespace", required: false) ?? defaultNamespace;
            if (name is not null && SpecRules.RegionNameProblem(name) is { } nameProblem)
            {
                fields.Problem(YamlFields.Child(mapping, "name"), $"{path}.name", nameProblem);
                continue;
            }

            if (name is not null && regions.Any(region => region.Name == name))
            {
                fields.Problem(YamlFields.Child(mapping, "name"), $"{path}.name", SpecRules.DuplicateRegion(name));
                continue;
            }

            if (ns is not null && SpecRules.RegionNamespaceProblem(ns) is { } namespaceProblem)
            {
                fields.Problem(YamlFields.Child(mapping, "namespace"), $"{path}.namespace", namespaceProblem);
                continue;
            }

            var windows = YamlFields.Child(mapping, "maintenanceWindows") is null ? [] : Windows(fields, mapping, $"{path}.maintenanceWindows");
            if (name is not null && kubeconfig is not null && ns is not null && windows is not null)
            {
                regions.Add(new RegionSpec(name, Resolve(baseDirectory, kubeconfig), context, ns) { MaintenanceWindows = windows.Count == 0 ? null : windows });
            }
        }

        return regions.Count == list.Children.Count ? regions : null;
    }

    private static ApprovalMode? Approval(YamlFields fields, YamlMappingNode root)
    {
        var mode = ApprovalModes.Parse(fields.Text(root, "approval", "approval", required: false), out var problem);
        if (problem is not null)
        {
            fields.Problem(YamlFields.Child(root, "approval"), "approval", problem);
        }

        return mode;
    }

    /// <summary>A list of windows under <paramref name="path"/>; empty when absent (any time); null when one is wrong.</summary>
    private static List<MaintenanceWindow>? Windows(YamlFields fields, YamlMappingNode parent, string path)
    {
        var key = path[(path.LastIndexOf('.') + 1)..];
        var node = YamlFields.Child(parent, key);
        if (node is null)
        {
            return [];
        }

        if (node is not YamlSequenceNode list || list.Children.Count == 0)
        {
            fields.Problem(node, path, node is YamlSequenceNode
                ? "is empty: list windows as {cron, duration, timeZone}, or leave the field out to allow any time"
                : $"expected a list of windows ({{cron, duration, timeZone}}), found {YamlFields.Describe(node)}");
            return null;
        }

        var windows = new List<MaintenanceWindow>();
        for (var index = 0; index < list.Children.Count; index++)
        {
            var at = $"{path}[{index}]";
            var mapping = fields.AsMapping(list.Children[index], at);
            if (mapping is null)
            {
                continue;
            }

            fields.RejectUnknown(mapping, at, "cron", "duration", "timeZone");
            var cron = fields.Text(mapping, "cron", $"{at}.cron", required: true);
            var durationText = fields.Text(mapping, "duration", $"{at}.duration", required: true);
            var zone = fields.Text(mapping, "timeZone", $"{at}.timeZone", required: false) ?? "UTC";
            var cronProblem = cron is null ? null : WindowRules.CronProblem(cron);
            if (cronProblem is not null)
            {
                fields.Problem(YamlFields.Child(mapping, "cron"), $"{at}.cron", cronProblem);
            }

            string? durationProblem = null;
            var duration = durationText is null ? null : WindowRules.Duration(durationText, out durationProblem);
            if (durationProblem is not null)
            {
                fields.Problem(YamlFields.Child(mapping, "duration"), $"{at}.duration", durationProblem);
            }

            if (WindowRules.TimeZoneProblem(zone) is { } zoneProblem)
            {
                fields.Problem(YamlFields.Child(mapping, "timeZone"), $"{at}.timeZone", zoneProblem);
                continue;
            }

            if (cron is not null && cronProblem is null && duration is not null)
            {
                windows.Add(new MaintenanceWindow(cron, duration.Value, zone));
            }
        }

        return windows.Count == list.Children.Count ? windows : null;
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

        if (SpecRules.TimeoutProblem(text, out var timeout) is { } problem)
        {
            fields.Problem(YamlFields.Child(mapping, "timeout"), "rollout.timeout", problem);
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
}

using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Core.Workflows;

/// <summary>
/// Loads the procedure from <c>workflows/*.yaml</c> at run time and proves it safe: between any two consecutive
/// phases (and from the starting state, and to the final one), every pod of one phase can complete mutual TLS with
/// every pod of the other.
/// </summary>
public static class WorkflowLoader
{
    public const string DefaultFileName = "ca-rotation.yaml";

    /// <summary>The workflow shipped beside the program.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "workflows", DefaultFileName);

    public static WorkflowDefinition Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            throw new WorkflowException($"cannot read the workflow {path}: {failure.Message}");
        }

        return Parse(text, Path.GetFileName(path));
    }

    public static WorkflowDefinition Parse(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException invalid)
        {
            throw new WorkflowException($"{source} line {invalid.Start.Line}: not valid YAML: {invalid.Message}");
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new WorkflowException($"{source}: expected one mapping with name, description and phases");
        }

        var name = Scalar(root, "name", source) ?? throw new WorkflowException($"{source}: name is required");
        var description = Scalar(root, "description", source) ?? string.Empty;
        if (!root.Children.TryGetValue(new YamlScalarNode("phases"), out var phasesNode) || phasesNode is not YamlSequenceNode list || list.Children.Count == 0)
        {
            throw new WorkflowException($"{source}: phases is required: a list of phases, each with name, description, main and optional extra");
        }

        var phases = list.Children.Select((node, index) => Phase(node, index, source)).ToList();
        var duplicate = phases.GroupBy(phase => phase.Name).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new WorkflowException($"{source}: phase '{duplicate.Key}' appears twice; phase names must be unique");
        }

        var workflow = new WorkflowDefinition(name, description, phases);
        CheckTrustContinuity(workflow, source);
        return workflow;
    }

    /// <summary>
    /// Pods of adjacent phases run side by side. Every node presents a certificate signed by its phase's main CA and
    /// trusts its phase's main and extra CAs; so each phase's main CA must be trusted by the other phase's pods.
    /// The state before the first phase is "old alone", and the last phase must end at "new alone".
    /// </summary>
    private static void CheckTrustContinuity(WorkflowDefinition workflow, string source)
    {
        var start = new PhaseDefinition("(start)", "every region on the old CA", CaSource.Old, null);
        var previous = start;
        foreach (var phase in workflow.Phases)
        {
            if (!Trusts(phase, previous.Main))
            {
                throw new WorkflowException($"{source}: phase '{phase.Name}' does not trust the {Name(previous.Main)} CA that signs the nodes of '{previous.Name}': those pods could not talk");
            }

            if (!Trusts(previous, phase.Main))
            {
                throw new WorkflowException($"{source}: phase '{phase.Name}' signs nodes with the {Name(phase.Main)} CA, which '{previous.Name}' does not trust yet: those pods could not talk");
            }

            previous = phase;
        }

        if (previous.Main != CaSource.New || previous.Extra is not null)
        {
            throw new WorkflowException($"{source}: the last phase must leave the new CA alone (main: new, no extra)");
        }
    }

    private static bool Trusts(PhaseDefinition phase, CaSource ca) => phase.Main == ca || phase.Extra == ca;

    private static string Name(CaSource source) => source == CaSource.Old ? "old" : "new";

    private static PhaseDefinition Phase(YamlNode node, int index, string source)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw new WorkflowException($"{source}: phases[{index}] must be a mapping with name, description, main and optional extra");
        }

        var unknown = mapping.Children.Keys.OfType<YamlScalarNode>().Select(key => key.Value).FirstOrDefault(key => key is not ("name" or "description" or "main" or "extra"));
        if (unknown is not null)
        {
            throw new WorkflowException($"{source} line {mapping.Start.Line}: phases[{index}].{unknown}: unknown field; expected name, description, main, extra");
        }

        var name = Scalar(mapping, "name", source) ?? throw new WorkflowException($"{source}: phases[{index}].name is required");
        var main = Source(Scalar(mapping, "main", source), $"phases[{index}].main", source)
            ?? throw new WorkflowException($"{source}: phases[{index}].main is required (old or new)");
        var extra = Source(Scalar(mapping, "extra", source), $"phases[{index}].extra", source);
        if (extra == main)
        {
            throw new WorkflowException($"{source}: phases[{index}]: extra must name the other CA than main, or be left out");
        }

        return new PhaseDefinition(name, Scalar(mapping, "description", source) ?? string.Empty, main, extra);
    }

    private static CaSource? Source(string? text, string path, string source) => text switch
    {
        null => null,
        "old" => CaSource.Old,
        "new" => CaSource.New,
        _ => throw new WorkflowException($"{source}: {path}: '{text}' must be old or new"),
    };

    private static string? Scalar(YamlMappingNode mapping, string key, string source) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var node)
            ? node is YamlScalarNode scalar ? scalar.Value : throw new WorkflowException($"{source}: {key} must be text")
            : null;
}

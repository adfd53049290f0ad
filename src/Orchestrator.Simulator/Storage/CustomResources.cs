using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Orchestrator.Simulator.Storage;

/// <summary>
/// What the API server's naming and establishing controllers decide about a CustomResourceDefinition, and the kind
/// it then serves.
/// </summary>
internal static class CustomResources
{
    private static readonly IReadOnlyList<PrinterColumn> AgeOnly = [new("Age", "date", string.Empty, string.Empty, 0, ".metadata.creationTimestamp")];

    public static bool IsEstablished(V1CustomResourceDefinition definition) => HasTrue(definition, "Established");

    /// <summary>
    /// The status the controllers would write next, or null when they have nothing to change. Names are accepted
    /// first (Established stays False, "Installing"), then the kind is established, as two writes.
    /// </summary>
    public static V1CustomResourceDefinitionStatus? NextStatus(
        V1CustomResourceDefinition definition,
        IEnumerable<V1CustomResourceDefinition> others,
        DateTime now)
    {
        var (names, namesAccepted, established) = Naming(definition, others.Where(other => other.Spec.Group == definition.Spec.Group));
        var status = StoredObject.Clone(definition.Status);
        var changed = SetCondition(status, namesAccepted, now) | SetCondition(status, established, now);
        if (changed || StoredObject.CanonicalJson(names) != StoredObject.CanonicalJson(status.AcceptedNames))
        {
            status.AcceptedNames = names;
            return status;
        }

        if (HasTrue(definition, "NamesAccepted") && !HasTrue(definition, "Established"))
        {
            SetCondition(status, Condition("Established", "True", "InitialNamesAccepted", "the initial names have been accepted"), now);
            return status;
        }

        return null;
    }

    /// <summary>The kind an established definition serves: its storage version, under its accepted names.</summary>
    public static ResourceType TypeOf(V1CustomResourceDefinition definition)
    {
        var version = definition.Spec.Versions.First(candidate => candidate.Storage);
        var names = definition.Status.AcceptedNames;
        var schema = version.Schema?.OpenAPIV3Schema is { } root ? JsonNode.Parse(KubernetesJson.Serialize(root)) as JsonObject : null;
        var hasStatus = version.Subresources?.Status is not null;
        IReadOnlyList<PrinterColumn> columns = version.AdditionalPrinterColumns is { Count: > 0 } defined
            ? defined.Select(column => new PrinterColumn(column.Name, column.Type, column.Format ?? string.Empty, column.Description ?? string.Empty, column.Priority ?? 0, column.JsonPath)).ToList()
            : AgeOnly;
        return ResourceType.Custom(
            definition.Spec.Group,
            version.Name,
            names.Plural,
            names.Kind,
            definition.Spec.Scope == "Namespaced",
            names.ShortNames?.ToList() ?? [],
            hasStatus ? ["status"] : [],
            new CustomResourceStrategy(hasStatus),
            new ResourceNames(names.Categories?.ToList() ?? [], names.Singular, names.ListKind, columns),
            node =>
            {
                var value = KubernetesJson.Deserialize<CustomObject>(node) ?? throw new System.Text.Json.JsonException("null is not an object");
                SchemaPruning.PruneRoot(value.Content, schema);
                return value;
            });
    }

    private static bool HasTrue(V1CustomResourceDefinition definition, string type) =>
        definition.Status?.Conditions?.Any(condition => condition.Type == type && condition.Status == "True") == true;

    /// <summary>The naming controller: each requested name is accepted unless another definition of the group holds it.</summary>
    private static (V1CustomResourceDefinitionNames Names, V1CustomResourceDefinitionCondition NamesAccepted, V1CustomResourceDefinitionCondition Established) Naming(
        V1CustomResourceDefinition definition,
        IEnumerable<V1CustomResourceDefinition> group)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var other in group.Select(other => other.Status?.AcceptedNames).OfType<V1CustomResourceDefinitionNames>())
        {
            taken.UnionWith(new[] { other.Plural, other.Singular }.Concat(other.ShortNames ?? []).Where(name => !string.IsNullOrEmpty(name)));
            kinds.UnionWith(new[] { other.Kind, other.ListKind }.Where(name => !string.IsNullOrEmpty(name)));
        }

        var requested = definition.Spec.Names;
        var accepted = definition.Status?.AcceptedNames ?? new V1CustomResourceDefinitionNames();
        var names = StoredObject.Clone(accepted);
        string? reason = null;
        string? message = null;
        void Check(string? wanted, string? had, HashSet<string> used, string conflict, Action accept)
        {
            if (string.IsNullOrEmpty(wanted) || wanted == had || !used.Contains(wanted))
            {
                accept();
            }
            else
            {
                (reason, message) = (conflict, $"\"{wanted}\" is already in use");
            }
        }

        Check(requested.Plural, accepted.Plural, taken, "PluralConflict", () => names.Plural = requested.Plural);
        Check(requested.Singular, accepted.Singular, taken, "SingularConflict", () => names.Singular = requested.Singular);
        var shortConflict = (requested.ShortNames ?? []).FirstOrDefault(name => !(accepted.ShortNames ?? []).Contains(name) && taken.Contains(name));
        if (shortConflict is null)
        {
            names.ShortNames = requested.ShortNames;
        }
        else
        {
            (reason, message) = ("ShortNamesConflict", $"\"{shortConflict}\" is already in use");
        }

        Check(requested.Kind, accepted.Kind, kinds, "KindConflict", () => names.Kind = requested.Kind);
        Check(requested.ListKind, accepted.ListKind, kinds, "ListKindConflict", () => names.ListKind = requested.ListKind);
        names.Categories = requested.Categories;

        var namesAccepted = reason is null
            ? Condition("NamesAccepted", "True", "NoConflicts", "no conflicts found")
            : Condition("NamesAccepted", "False", reason, message);
        var established = definition.Status?.Conditions?.FirstOrDefault(condition => condition.Type == "Established")
            ?? Condition("Established", "False", "NotAccepted", "not all names are accepted");
        if (established.Status != "True" && reason is null)
        {
            established = Condition("Established", "False", "Installing", "the initial names have been accepted");
        }

        return (names, namesAccepted, established);
    }

    private static V1CustomResourceDefinitionCondition Condition(string type, string status, string? reason, string? message) =>
        new() { Type = type, Status = status, Reason = reason, Message = message };

    /// <summary>Sets a condition as the API server's helper does: the transition time moves only when the status does.</summary>
    private static bool SetCondition(V1CustomResourceDefinitionStatus status, V1CustomResourceDefinitionCondition condition, DateTime now)
    {
        status.Conditions ??= [];
        var existing = status.Conditions.FirstOrDefault(candidate => candidate.Type == condition.Type);
        if (existing is null)
        {
            condition.LastTransitionTime = now;
            status.Conditions.Add(condition);
            return true;
        }

        if (existing.Status == condition.Status && existing.Reason == condition.Reason && existing.Message == condition.Message)
        {
            return false;
        }

        if (existing.Status != condition.Status)
        {
            existing.LastTransitionTime = now;
        }

        (existing.Status, existing.Reason, existing.Message) = (condition.Status, condition.Reason, condition.Message);
        return true;
    }
}

namespace Orchestrator.Kubernetes.Resilience;

/// <summary>One kind of API call, named the way RBAC and the audit log name it: verb, resource, namespace, object.</summary>
internal sealed record ApiOperation(string Verb, string Resource, string Namespace, string? Name = null)
{
    /// <summary>The permission the call needs, as an RBAC rule would grant it.</summary>
    public string Permission => $"{Verb} {Resource} in namespace {Namespace}";

    /// <summary>The object as people name it: <c>Secret anton/example</c>.</summary>
    public string Object => $"{Kind} {Namespace}/{Name}";

    private string Kind => Resource switch
    {
        "secrets" => "Secret",
        "pods" => "Pod",
        "statefulsets" => "StatefulSet",
        _ => Resource,
    };

    public override string ToString() => Name is null ? $"{Verb} {Resource} in {Namespace}" : $"{Verb} {Resource} {Namespace}/{Name}";
}

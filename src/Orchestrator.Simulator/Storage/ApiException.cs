using System.Net;

namespace Orchestrator.Simulator.Storage;

/// <summary>
/// A request the API server refuses; becomes a Kubernetes <c>Status</c> object with this code, reason and message.
/// </summary>
internal sealed class ApiException : Exception
{
    public ApiException(HttpStatusCode code, string reason, string message, string? kind = null, string? name = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Kind = kind;
        Name = name;
    }

    public ApiException()
        : this(HttpStatusCode.InternalServerError, "InternalError", "internal error")
    {
    }

    public ApiException(string message)
        : this(HttpStatusCode.InternalServerError, "InternalError", message)
    {
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = HttpStatusCode.InternalServerError;
        Reason = "InternalError";
    }

    public HttpStatusCode Code { get; }

    public string Reason { get; }

    /// <summary>The resource (plural) the failure concerns, for <c>Status.details.kind</c>.</summary>
    public string? Kind { get; }

    public string? Name { get; }

    /// <summary>For a refusal as invalid: the API group of the kind, for <c>Status.details.group</c>.</summary>
    public string? Group { get; private init; }

    /// <summary>For a refusal as invalid: each field error ("field: Reason: detail"), for <c>Status.details.causes</c>.</summary>
    public IReadOnlyList<string> Causes { get; private init; } = [];

    public static ApiException NotFound(ResourceType type, string name) =>
        new(HttpStatusCode.NotFound, "NotFound", $"{type.QualifiedPlural} \"{name}\" not found", type.Plural, name);

    public static ApiException AlreadyExists(ResourceType type, string name) =>
        new(HttpStatusCode.Conflict, "AlreadyExists", $"{type.QualifiedPlural} \"{name}\" already exists", type.Plural, name);

    public static ApiException Conflict(ResourceType type, string name) =>
        new(
            HttpStatusCode.Conflict,
            "Conflict",
            $"Operation cannot be fulfilled on {type.QualifiedPlural} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            type.Plural,
            name);

    public static ApiException BadRequest(string message) => new(HttpStatusCode.BadRequest, "BadRequest", message);

    public static ApiException Invalid(ResourceType type, string name, IEnumerable<string> causes)
    {
        var list = causes.ToList();
        return new(
            HttpStatusCode.UnprocessableEntity,
            "Invalid",
            $"{type.Kind} \"{name}\" is invalid: {(list.Count == 1 ? list[0] : "[" + string.Join(", ", list) + "]")}",
            type.Kind,
            name)
        {
            Group = type.Group,
            Causes = list,
        };
    }

    public static ApiException MethodNotSupported(ResourceType type, string verb) =>
        new(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", $"the server does not allow this method on the requested resource ({verb} {type.Plural})", type.Plural);
}

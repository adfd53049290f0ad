using System.Text.Json.Nodes;
using Orchestrator.Simulator.Storage;

namespace Orchestrator.Simulator.Api;

/// <summary>Kubernetes <c>Status</c> objects, the body of every error and of some deletes.</summary>
internal static class StatusObjects
{
    public static JsonObject Failure(ApiException failure)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = failure.Message,
            ["reason"] = failure.Reason,
            ["code"] = (int)failure.Code,
        };
        if (failure.Kind is not null || failure.Name is not null)
        {
            var details = new JsonObject();
            if (failure.Name is not null)
            {
                details["name"] = failure.Name;
            }

            if (failure.Group is not null)
            {
                details["group"] = failure.Group;
            }

            if (failure.Kind is not null)
            {
                details["kind"] = failure.Kind;
            }

            if (failure.Causes.Count > 0)
            {
                details["causes"] = new JsonArray(failure.Causes.Select(cause => (JsonNode)Cause(cause)).ToArray());
            }

            status["details"] = details;
        }

        return status;
    }

    /// <summary>A field error as the API server reports it: its type, its message without the field, and the field.</summary>
    private static JsonObject Cause(string error)
    {
        var split = error.IndexOf(": ", StringComparison.Ordinal);
        var (field, body) = split < 0 ? (string.Empty, error) : (error[..split], error[(split + 2)..]);
        var reason = body switch
        {
            _ when body.StartsWith("Invalid value", StringComparison.Ordinal) => "FieldValueInvalid",
            _ when body.StartsWith("Required value", StringComparison.Ordinal) => "FieldValueRequired",
            _ when body.StartsWith("Forbidden", StringComparison.Ordinal) => "FieldValueForbidden",
            _ when body.StartsWith("Unsupported value", StringComparison.Ordinal) => "FieldValueNotSupported",
            _ when body.StartsWith("Too long", StringComparison.Ordinal) => "FieldValueTooLong",
            _ when body.StartsWith("Duplicate value", StringComparison.Ordinal) => "FieldValueDuplicate",
            _ => "FieldValueInvalid",
        };
        return new JsonObject { ["reason"] = reason, ["message"] = body, ["field"] = field };
    }

    public static JsonObject Success(StoredObject deleted) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["details"] = new JsonObject
        {
            ["name"] = deleted.Name,
            ["group"] = deleted.Type.Group,
            ["kind"] = deleted.Type.Plural,
            ["uid"] = deleted.Uid,
        },
    };
}

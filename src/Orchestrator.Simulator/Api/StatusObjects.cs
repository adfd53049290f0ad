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

            if (failure.Kind is not null)
            {
                details["kind"] = failure.Kind;
            }

            status["details"] = details;
        }

        return status;
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

using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Orchestrator.Simulator.Faults;
using Orchestrator.Simulator.Storage;

namespace Orchestrator.Simulator.Api;

/// <summary><c>GET</c>/<c>PUT /simulator/faults</c>: read or replace the region's injected faults.</summary>
internal sealed class FaultEndpoint(FaultInjector faults)
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            if (context.Request.Path != "/simulator/faults")
            {
                throw new ApiException(HttpStatusCode.NotFound, "NotFound", "the simulator serves only /simulator/faults");
            }

            switch (context.Request.Method)
            {
                case "GET":
                    break;
                case "PUT":
                    faults.Replace(await ReadAsync(context));
                    break;
                default:
                    throw new ApiException(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", "use GET or PUT on /simulator/faults");
            }

            await HttpResponses.WriteJsonAsync(context, HttpStatusCode.OK, JsonSerializer.Serialize(faults.Current, Options));
        }
        catch (ApiException failure)
        {
            await HttpResponses.WriteFailureAsync(context, failure);
        }
    }

    private static async Task<FaultSettings> ReadAsync(HttpContext context)
    {
        FaultSettings? settings;
        try
        {
            settings = await JsonSerializer.DeserializeAsync<FaultSettings>(context.Request.Body, Options, context.RequestAborted);
        }
        catch (JsonException invalid)
        {
            throw ApiException.BadRequest($"faults: {invalid.Message}");
        }

        if (settings is null)
        {
            throw ApiException.BadRequest("faults: expected a JSON object; {} clears every fault");
        }

        var problems = settings.Problems().ToList();
        return problems.Count == 0 ? settings : throw ApiException.BadRequest("faults: " + string.Join("; ", problems));
    }
}

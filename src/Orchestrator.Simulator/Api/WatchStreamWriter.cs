using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Orchestrator.Simulator.Faults;
using Orchestrator.Simulator.Storage;

namespace Orchestrator.Simulator.Api;

/// <summary>
/// Streams a watch as newline-delimited JSON events, flushing each one, until the client goes away, the
/// request's <c>timeoutSeconds</c> pass, the fault settings say to cut the stream, or the server stops.
/// </summary>
internal static class WatchStreamWriter
{
    public static async Task StreamAsync(
        HttpContext context,
        RegionStore store,
        FaultInjector faults,
        ResourceType type,
        ObjectFilter filter,
        long? fromResourceVersion,
        TimeSpan? timeout,
        Func<StoredObject, string> render,
        TimeProvider time,
        CancellationToken stopping)
    {
        Watcher watcher;
        try
        {
            watcher = store.Watch(type, filter, fromResourceVersion);
        }
        catch (ApiException expired) when (expired.Code == System.Net.HttpStatusCode.Gone)
        {
            // Like the API server once it has accepted a watch: a 200 stream whose only event is the error.
            await StartAsync(context);
            await WriteLineAsync(context, "ERROR", StatusObjects.Failure(expired).ToJsonString(HttpResponses.Compact));
            return;
        }

        using (watcher)
        {
            await StartAsync(context);
            using var timer = new CancellationTokenSource(timeout ?? Timeout.InfiniteTimeSpan, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping, timer.Token);
            var token = linked.Token;
            var sent = 0;
            try
            {
                await foreach (var change in watcher.Events.ReadAllAsync(token))
                {
                    await WriteLineAsync(context, Name(change.Kind), render(change.Object));
                    sent++;
                    if (faults.CloseWatchesAfterEvents is { } cut && sent >= cut)
                    {
                        return;
                    }
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // The client left, the timeout passed or the server is stopping: the stream simply ends.
            }
        }
    }

    public static TimeSpan? ParseTimeout(string? timeoutSeconds) =>
        long.TryParse(timeoutSeconds, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : null;

    private static string Name(WatchEventKind kind) => kind switch
    {
        WatchEventKind.Added => "ADDED",
        WatchEventKind.Modified => "MODIFIED",
        _ => "DELETED",
    };

    private static async Task StartAsync(HttpContext context)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = HttpResponses.JsonContentType;
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private static async Task WriteLineAsync(HttpContext context, string type, string objectJson)
    {
        var line = new StringBuilder(objectJson.Length + 32)
            .Append("{\"type\":\"").Append(type).Append("\",\"object\":").Append(objectJson).Append("}\n")
            .ToString();
        await context.Response.WriteAsync(line, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}

using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Orchestrator.Simulator.Faults;
using Orchestrator.Simulator.Storage;

namespace Orchestrator.Simulator.Api;

/// <summary>
/// Streams a watch as newline-delimited JSON events until the client goes away, the request's
/// <c>timeoutSeconds</c> pass, the fault settings say to cut the stream, or the server stops. Like the API server's
/// watch handler (apiserver endpoints/handlers/watch.go: <c>if len(ch) == 0 { flusher.Flush() }</c>), it flushes
/// when no further event is waiting (and, as its buffered writer does, whenever a few kilobytes are pending): an event
/// is never held back, and a burst goes out together.
/// </summary>
internal static class WatchStreamWriter
{
    /// <summary>Written but not yet flushed, this many bytes of events go out even while more are waiting.</summary>
    private const int FlushThreshold = 16 * 1024;

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

        var userAgent = context.Request.Headers.UserAgent.ToString();
        void AbortIfCutOff(object? sender, EventArgs e)
        {
            // A partition drops the connections already open, not only the new ones.
            if (faults.IsCutOff(userAgent))
            {
                context.Abort();
            }
        }

        faults.Changed += AbortIfCutOff;
        using (watcher)
        {
            try
            {
                AbortIfCutOff(null, EventArgs.Empty);
                await SendAsync(context, watcher, faults, render, timeout, time, stopping);
            }
            finally
            {
                faults.Changed -= AbortIfCutOff;
            }
        }
    }

    private static async Task SendAsync(
        HttpContext context,
        Watcher watcher,
        FaultInjector faults,
        Func<StoredObject, string> render,
        TimeSpan? timeout,
        TimeProvider time,
        CancellationToken stopping)
    {
        await StartAsync(context);
        using var timer = new CancellationTokenSource(timeout ?? Timeout.InfiniteTimeSpan, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping, timer.Token);
        var token = linked.Token;
        var sent = 0;
        try
        {
            while (await watcher.Events.WaitToReadAsync(token))
            {
                var unflushed = 0;
                while (watcher.Events.TryRead(out var change))
                {
                    unflushed += Write(context, Name(change.Kind), render(change.Object));
                    sent++;
                    if (faults.CloseWatchesAfterEvents is { } cut && sent >= cut)
                    {
                        await context.Response.BodyWriter.FlushAsync(token);
                        return;
                    }

                    if (unflushed >= FlushThreshold)
                    {
                        await context.Response.BodyWriter.FlushAsync(token);
                        unflushed = 0;
                    }
                }

                await context.Response.BodyWriter.FlushAsync(token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The client left, the timeout passed or the server is stopping: the stream simply ends.
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
        Write(context, type, objectJson);
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    /// <summary>Adds one event line to the response without flushing it; returns how many bytes it took.</summary>
    private static int Write(HttpContext context, string type, string objectJson)
    {
        var writer = context.Response.BodyWriter;
        return (int)(Encoding.UTF8.GetBytes("{\"type\":\"", writer)
            + Encoding.UTF8.GetBytes(type, writer)
            + Encoding.UTF8.GetBytes("\",\"object\":", writer)
            + Encoding.UTF8.GetBytes(objectJson, writer)
            + Encoding.UTF8.GetBytes("}\n", writer));
    }
}

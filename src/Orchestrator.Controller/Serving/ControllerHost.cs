using System.Net;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Controller.Metrics;
using Orchestrator.Controller.Regions;
using Orchestrator.Controller.Schedules;
using Orchestrator.Core.Persistence;

namespace Orchestrator.Controller.Serving;

/// <summary>
/// <c>orchestrator serve</c>'s generic host: the leader election and, while leading, the rotations; <c>/healthz</c>,
/// <c>/readyz</c> and <c>/metrics</c> on the health address. It stops when the token ends (SIGTERM, Ctrl-C): the work
/// saves where it is, and the Lease is released.
/// </summary>
public static class ControllerHost
{
    /// <summary>How long shutdown may take: a step saves at once, and a Lease release is one request.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    /// <param name="storeForTerm">The rotations' store for one leadership term; it refuses writes once the term's token ends.</param>
    /// <param name="inputs">Reads a CaRotation into the engine's input.</param>
    /// <param name="scheduleRegions">Reaches the regions whose CA Secrets the CaRotationSchedules watch.</param>
    public static async Task RunAsync(
        IKubernetes client,
        ControllerSettings settings,
        IPEndPoint healthAddress,
        Func<CancellationToken, IRotationStore> storeForTerm,
        Func<ILoggerFactory, IRotationInputReader> inputs,
        IRegionClients scheduleRegions,
        Action<ILoggingBuilder> logging,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        logging(builder.Logging);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Any address: IPv6 and IPv4 where the node has IPv6, IPv4 alone where it has not.
            if (healthAddress.Address.Equals(IPAddress.IPv6Any))
            {
                kestrel.ListenAnyIP(healthAddress.Port);
            }
            else
            {
                kestrel.Listen(healthAddress);
            }
        });
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownTimeout);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(client);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<ReadinessProbe>();
        builder.Services.AddSingleton<CaExpiryBoard>();
        builder.Services.AddSingleton(scheduleRegions);
        builder.Services.AddControllerMetrics();
        builder.Services.AddSingleton<Func<CancellationToken, ControllerContext>>(provider => term =>
        {
            var loggers = provider.GetRequiredService<ILoggerFactory>();
            var time = provider.GetRequiredService<TimeProvider>();
            return new ControllerContext(
                settings,
                new CaRotationApi(client, settings.Namespace),
                new EventRecorder(client, settings.Identity, time, loggers.CreateLogger<EventRecorder>()),
                storeForTerm(term),
                new ReportingInputReader(inputs(loggers), provider.GetRequiredService<CaExpiryBoard>(), time),
                time,
                loggers,
                static _ => { },
                provider.GetRequiredService<CaExpiryBoard>(),
                provider.GetRequiredService<ControllerMetrics>());
        });
        builder.Services.AddHostedService<Leadership>();

        await using var app = builder.Build();
        var readiness = app.Services.GetRequiredService<ReadinessProbe>();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", () => readiness.Ready ? Results.Text("ok") : Results.Text("not ready: no leader seen yet", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapControllerMetrics();
        await app.RunAsync(cancellationToken);
    }
}

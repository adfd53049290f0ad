using System.CommandLine;
using System.Net;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Orchestrator.Controller.Metrics;
using Orchestrator.Controller.Schedules;
using Orchestrator.Controller.Serving;
using Orchestrator.Controller.Specs;
using Orchestrator.Controller.State;
using Orchestrator.Kubernetes;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// <c>orchestrator serve</c>: the controller that runs CaRotation resources, leader-elected among its replicas, its
/// state in the cluster. In a pod it uses the pod's service account and namespace; for development it can be
/// pointed at a cluster with a kubeconfig.
/// </summary>
internal static class ServeCommand
{
    /// <summary>
    /// The start of its requests' User-Agent, which goes on with the replica's identity in parentheses: every cluster
    /// (and its audit log) tells the controller apart from a CLI run, and one replica from another.
    /// </summary>
    public const string UserAgent = "orchestrator-controller/1.0";

    public static Command Create()
    {
        var kubeconfig = new Option<FileInfo?>("--kubeconfig") { Description = "Run outside the cluster with this kubeconfig (default: in-cluster credentials)." };
        var context = new Option<string?>("--context") { Description = "The kubeconfig context (default: its current context)." };
        var @namespace = new Option<string?>("--namespace", "-n")
        {
            Description = "The namespace whose CaRotations to run (default: $POD_NAMESPACE, the pod's namespace, or the context's).",
        };
        var health = new Option<string>("--health-address")
        {
            Description = "Where /healthz and /readyz are served: [HOST]:PORT.",
            DefaultValueFactory = _ => ":8080",
        };
        var command = new Command("serve", "Run CaRotation resources as a controller in the cluster, leader-elected among replicas.")
        {
            kubeconfig, context, @namespace, health, CommonOptions.StateNotUsed(),
        };
        command.SetAction(CommandAction.Of((parse, services, cancellationToken) =>
        {
            var address = HealthAddress(parse.GetValue(health)!);
            var (ownCluster, watched) = OwnCluster.Configuration(parse.GetValue(kubeconfig), parse.GetValue(context), parse.GetValue(@namespace));
            var settings = new ControllerSettings(watched, ControllerSettings.NewIdentity());
            var requests = new KubernetesRequestMetrics();
            var clientOptions = new KubernetesClientOptions
            {
                UserAgent = $"{UserAgent} ({settings.Identity})",
                RequestHandlers = cluster => [requests.HandlerFor(cluster)],
            };
            var client = ClusterClients.Create(ownCluster(), clientOptions);
            return RunAsync(client, requests, ownCluster, clientOptions, settings, address, parse.GetValue<bool>("--verbose"), cancellationToken);
        }));
        return command;
    }

    private static async Task<int> RunAsync(
        IKubernetes client,
        KubernetesRequestMetrics requests,
        Func<KubernetesClientConfiguration> ownCluster,
        KubernetesClientOptions clientOptions,
        ControllerSettings settings,
        IPEndPoint address,
        bool verbose,
        CancellationToken cancellationToken)
    {
        using var counted = requests;
        await ControllerHost.RunAsync(
            client,
            settings,
            address,
            term => new KubernetesRotationStore(client, settings.Namespace, TimeProvider.System, term),
            loggers => new CaRotationInputReader(client, settings.Namespace, ownCluster, clientOptions, loggers, TimeProvider.System),
            new KubeconfigRegionClients(client, settings.Namespace, clientOptions),
            builder => Logging(builder, verbose),
            cancellationToken);
        return ExitCodes.Success;
    }

    private static void Logging(ILoggingBuilder builder, bool verbose)
    {
        builder.SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Information);
        builder.AddFilter("Microsoft", LogLevel.Warning);
        builder.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
            console.UseUtcTimestamp = true;
            console.ColorBehavior = LoggerColorBehavior.Disabled;
        });
        builder.Services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
    }

    /// <summary>[HOST]:PORT; an empty host listens on every address.</summary>
    private static IPEndPoint HealthAddress(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon < 0 || !ushort.TryParse(text.AsSpan(colon + 1), out var port))
        {
            throw new UsageException($"--health-address '{text}': expected [HOST]:PORT, such as :8080 or 127.0.0.1:8080");
        }

        var host = text[..colon].Trim('[', ']');
        if (host.Length == 0)
        {
            return new IPEndPoint(IPAddress.IPv6Any, port);
        }

        if (host == "localhost")
        {
            return new IPEndPoint(IPAddress.Loopback, port);
        }

        return IPAddress.TryParse(host, out var ip)
            ? new IPEndPoint(ip, port)
            : throw new UsageException($"--health-address '{text}': '{host}' is not an IP address (use an address, or leave it out to listen on all)");
    }
}

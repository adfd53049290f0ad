using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Cli.Hosting;
using Orchestrator.Simulator.Hosting;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orchestrator simulate</c>: serves simulated Cassandra-on-Kubernetes regions until interrupted.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var defaults = new SimulatorOptions { Directory = "." };
        var regions = new Option<int>("--regions") { Description = "Number of regions (Kubernetes clusters) to serve.", DefaultValueFactory = _ => defaults.Regions };
        var directory = new Option<DirectoryInfo>("--dir") { Description = "Directory for kubeconfig, rotation.yaml, audit.jsonl and trust.jsonl.", Required = true };
        var pods = new Option<int>("--pods") { Description = "Pods per StatefulSet.", DefaultValueFactory = _ => defaults.PodsPerDatacenter };
        var datacenters = new Option<int>("--datacenters") { Description = "StatefulSets (Cassandra datacenters) per region.", DefaultValueFactory = _ => defaults.Datacenters };
        var cluster = new Option<string>("--cluster") { Description = "CassandraCluster name.", DefaultValueFactory = _ => defaults.Cluster };
        var ns = new Option<string>("--namespace") { Description = "Namespace of the cluster's objects.", DefaultValueFactory = _ => defaults.Namespace };
        var caSecret = new Option<string>("--ca-secret") { Description = "Name of the TLS CA Secret.", DefaultValueFactory = _ => defaults.CaSecret };
        var caAlias = new Option<string>("--ca-alias") { Description = "Alias (subject O=) of the CA the cluster starts with.", DefaultValueFactory = _ => defaults.CaAlias };
        var caValidity = new Option<int>("--ca-validity-days") { Description = "Days the starting CA is valid for, from now (a few, to try expiry checks).", DefaultValueFactory = _ => defaults.CaValidityDays };
        var restart = new Option<int>("--pod-restart-ms") { Description = "Milliseconds a recreated pod takes to become Ready.", DefaultValueFactory = _ => (int)defaults.PodRestartTime.TotalMilliseconds };

        var command = new Command("simulate", "Serve simulated Kubernetes regions running a Cassandra cluster under its operator, until SIGINT/SIGTERM.")
        {
            regions, directory, pods, datacenters, cluster, ns, caSecret, caAlias, caValidity, restart, CommonOptions.StateNotUsed(),
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new SimulatorOptions
            {
                Regions = parse.GetValue(regions),
                Directory = parse.GetValue(directory)!.FullName,
                PodsPerDatacenter = parse.GetValue(pods),
                Datacenters = parse.GetValue(datacenters),
                Cluster = parse.GetValue(cluster)!,
                Namespace = parse.GetValue(ns)!,
                CaSecret = parse.GetValue(caSecret)!,
                CaAlias = parse.GetValue(caAlias)!,
                CaValidityDays = parse.GetValue(caValidity),
                PodRestartTime = TimeSpan.FromMilliseconds(parse.GetValue(restart)),
            };
            var problems = options.Problems().ToList();
            if (problems.Count > 0)
            {
                await Console.Error.WriteLineAsync("error: " + string.Join("; ", problems));
                return ExitCodes.BadInput;
            }

            using var host = CliHost.Build(parse.GetValue<bool>("--verbose") ? LogLevel.Debug : LogLevel.Information);
            var loggers = host.Services.GetRequiredService<ILoggerFactory>();
            Simulation simulation;
            try
            {
                simulation = await Simulation.StartAsync(options, loggers, host.Services.GetRequiredService<TimeProvider>(), cancellationToken);
            }
            catch (SimulatorDirectoryInUseException inUse)
            {
                await Console.Error.WriteLineAsync($"error: {inUse.Message}; stop it or choose another --dir");
                return ExitCodes.BadInput;
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"error: cannot use --dir {options.Directory}: {failure.Message}");
                return ExitCodes.BadInput;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return ExitCodes.Interrupted;
            }

            await using (simulation)
            {
                foreach (var region in simulation.Regions)
                {
                    await Console.Error.WriteLineAsync($"{region.Name}: {region.Server}");
                }

                await Console.Error.WriteLineAsync($"kubeconfig: {simulation.KubeconfigPath}");
                await Console.Out.WriteLineAsync("ready");
                await Console.Out.FlushAsync(CancellationToken.None);
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    // SIGINT or SIGTERM: stop serving.
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Controller.Metrics;
using Orchestrator.Controller.Resources;
using Orchestrator.Controller.Schedules;
using Orchestrator.Controller.Serving;
using Orchestrator.Controller.Tests.Support;
using Orchestrator.Crypto;
using Orchestrator.Crypto.Certificates;
using Orchestrator.Kubernetes;
using Orchestrator.Testing;

namespace Orchestrator.Controller.Tests.Schedules;

/// <summary>
/// The schedule controller in the test process, on a clock the test moves, against a simulated region: schedules in a
/// namespace of the test's own, watching the simulation's CA Secret in the controller's own cluster.
/// </summary>
internal sealed class ScheduleHarness : IAsyncDisposable
{
    private readonly SimulationFixture _fixture;
    private CancellationTokenSource? _term;
    private Task? _running;

    private ScheduleHarness(SimulationFixture fixture, IKubernetes client, string @namespace, CertificateDetails ca)
    {
        _fixture = fixture;
        Client = client;
        Namespace = @namespace;
        Ca = ca;
    }

    public IKubernetes Client { get; }

    public string Namespace { get; }

    /// <summary>The simulation's ca.crt, as it was when the harness started.</summary>
    public CertificateDetails Ca { get; }

    public CaExpiryBoard Board { get; } = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task<ScheduleHarness> StartAsync(SimulationFixture fixture)
    {
        var client = ClusterClients.Create(KubernetesClientConfiguration.BuildConfigFromConfigFile(fixture.Simulation.KubeconfigPath));
        foreach (var file in new[] { DeployFiles.CaRotationDefinition, DeployFiles.ScheduleDefinition })
        {
            await CreateDefinitionAsync(client, file);
        }

        var @namespace = "schedules-" + Guid.NewGuid().ToString("N")[..8];
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = @namespace } }, cancellationToken: Token);
        var options = fixture.Simulation.Options;
        var secret = await client.CoreV1.ReadNamespacedSecretAsync(options.CaSecret, options.Namespace, cancellationToken: Token);
        var ca = PemCertificates.Describe(Encoding.UTF8.GetString(secret.Data["ca.crt"]));
        return new ScheduleHarness(fixture, client, @namespace, ca);
    }

    /// <summary>Runs a controller (one leadership term) on <paramref name="time"/> until <see cref="StopAsync"/>.</summary>
    public void Run(TimeProvider time)
    {
        var settings = new ControllerSettings(Namespace, "test-" + Guid.NewGuid().ToString("N")[..8]);
        var context = new ScheduleContext(
            settings,
            new ScheduleApi(Client, Namespace),
            new EventRecorder(Client, settings.Identity, time, NullLogger.Instance),
            new KubeconfigRegionClients(Client, Namespace, new KubernetesClientOptions()),
            time,
            NullLoggerFactory.Instance,
            Board);
        _term = new CancellationTokenSource();
        var token = _term.Token;
        _running = Task.Run(() => new ScheduleController(context).RunAsync(token), CancellationToken.None);
    }

    public async Task StopAsync()
    {
        if (_term is not null)
        {
            await _term.CancelAsync();
            await _running!;
            _term.Dispose();
            _term = null;
        }
    }

    /// <summary>A schedule of the simulation's CA Secret in its one region (the controller's own cluster).</summary>
    public CaRotationSchedule Schedule(string name, string alias = "ca-{yyyyMMddHHmm}", string? renewBefore = "720h", int? historyLimit = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
        Spec = new CaRotationScheduleSpec(
            new CaRotationSpec(
                _fixture.Simulation.Options.Cluster,
                _fixture.Simulation.Options.Namespace,
                _fixture.Simulation.Options.CaSecret,
                null,
                new NewCaSource(alias, 2048, null, null),
                [new RegionSource("region1", null, null, null)],
                new RolloutSettings("2m"),
                null),
            renewBefore,
            null,
            historyLimit),
    };

    public async Task<CaRotationSchedule> CreateAsync(CaRotationSchedule schedule)
    {
        var body = JsonSerializer.SerializeToNode(schedule, CaRotationScheduleJsonContext.Default.CaRotationSchedule)!;
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(body, CaRotationDefinition.Group, CaRotationDefinition.Version, Namespace, CaRotationScheduleDefinition.Plural, cancellationToken: Token);
        return (await FindAsync(schedule.Metadata.Name))!;
    }

    /// <summary>A CaRotation owned by <paramref name="schedule"/>, as the controller would have made it.</summary>
    public async Task CreateRotationAsync(string name, CaRotationSchedule schedule)
    {
        var rotation = new CaRotation
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = Namespace,
                Labels = new Dictionary<string, string> { [CaRotationScheduleDefinition.ScheduleLabel] = schedule.Metadata.Name },
                OwnerReferences = [new V1OwnerReference { ApiVersion = CaRotationDefinition.ApiVersion, Kind = CaRotationScheduleDefinition.Kind, Name = schedule.Metadata.Name, Uid = schedule.Metadata.Uid, Controller = true }],
            },
            Spec = schedule.Spec.Template,
        };
        Assert.True(await new ScheduleApi(Client, Namespace).CreateRotationAsync(rotation, Token));
    }

    public async Task<CaRotationSchedule?> FindAsync(string name)
    {
        try
        {
            var found = await Client.CustomObjects.GetNamespacedCustomObjectAsync(CaRotationDefinition.Group, CaRotationDefinition.Version, Namespace, CaRotationScheduleDefinition.Plural, name, Token);
            return ((JsonElement)found).Deserialize(CaRotationScheduleJsonContext.Default.CaRotationSchedule);
        }
        catch (HttpOperationException missing) when (missing.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Waits until the schedule's status satisfies <paramref name="done"/>, and returns the schedule.</summary>
    public async Task<CaRotationSchedule> WaitForStatusAsync(string name, Func<CaRotationScheduleStatus, bool> done, string what)
    {
        CaRotationSchedule? last = null;
        try
        {
            await Polling.UntilAsync(async () => (last = await FindAsync(name))?.Status is { } status && done(status), what, TimeSpan.FromSeconds(30));
            return last!;
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{what}: not within 30s; last status: {(last?.Status is { } status ? JsonSerializer.Serialize(status, CaRotationScheduleJsonContext.Default.CaRotationScheduleStatus) : "none")}");
        }
    }

    /// <summary>The CaRotations in the namespace, oldest first.</summary>
    public async Task<List<CaRotation>> RotationsAsync()
    {
        var (items, _) = await new ScheduleApi(Client, Namespace).Rotations.ListAsync(null, Token);
        return [.. items.OrderBy(item => item.Metadata.CreationTimestamp)];
    }

    public async Task<List<Corev1Event>> EventsAsync(string name, string reason)
    {
        var events = await Client.CoreV1.ListNamespacedEventAsync(Namespace, cancellationToken: Token);
        return [.. events.Items.Where(item => item.InvolvedObject.Name == name && item.Reason == reason)];
    }

    public async Task<Corev1Event> WaitForEventAsync(string name, string reason)
    {
        await Polling.UntilAsync(async () => (await EventsAsync(name, reason)).Count > 0, $"an Event {reason} on {name}", TimeSpan.FromSeconds(30));
        return (await EventsAsync(name, reason))[0];
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Client.Dispose();
    }

    private static async Task CreateDefinitionAsync(IKubernetes client, string file)
    {
        var definition = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(await File.ReadAllTextAsync(DeployFiles.PathOf(file), Token));
        try
        {
            await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(definition, cancellationToken: Token);
        }
        catch (HttpOperationException exists) when (exists.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // Made by another test of this class.
        }
    }
}

using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Controller.Resources;
using Orchestrator.Controller.Serving;
using Orchestrator.Controller.Tests.Support;
using Orchestrator.Kubernetes;

namespace Orchestrator.Controller.Tests.Serving;

/// <summary>Events on a CaRotation against the simulated API server: the same Event again is counted, not repeated.</summary>
public sealed class EventRecorderTests(SimulationFixture fixture) : IClassFixture<SimulationFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);
    private readonly string _namespace = "events-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task SameEventThreeTimes_OneEventCountedThree_WithTheLastTime()
    {
        var (client, recorder, time) = await RecorderAsync();
        var rotation = Rotation("one");

        await recorder.RecordAsync(rotation, EventRecorder.Warning, "Blocked", "waiting for another rotation", TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(1));
        await recorder.RecordAsync(rotation, EventRecorder.Warning, "Blocked", "waiting for another rotation", TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(1));
        await recorder.RecordAsync(rotation, EventRecorder.Warning, "Blocked", "waiting for another rotation", TestContext.Current.CancellationToken);

        var recorded = Assert.Single(await EventsAsync(client));
        Assert.Equal((3, "Blocked"), (recorded.Count, recorded.Reason));
        Assert.Equal(Start.UtcDateTime, recorded.FirstTimestamp);
        Assert.Equal(Start.AddMinutes(2).UtcDateTime, recorded.LastTimestamp);
    }

    [Fact]
    public async Task OtherMessageReasonOrObject_IsAnEventOfItsOwn()
    {
        var (client, recorder, _) = await RecorderAsync();

        await recorder.RecordAsync(Rotation("one"), EventRecorder.Normal, "StepStarted", "step 1", TestContext.Current.CancellationToken);
        await recorder.RecordAsync(Rotation("one"), EventRecorder.Normal, "StepStarted", "step 2", TestContext.Current.CancellationToken);
        await recorder.RecordAsync(Rotation("one"), EventRecorder.Normal, "StepSucceeded", "step 2", TestContext.Current.CancellationToken);
        await recorder.RecordAsync(Rotation("two"), EventRecorder.Normal, "StepStarted", "step 1", TestContext.Current.CancellationToken);

        var events = await EventsAsync(client);
        Assert.Equal(4, events.Count);
        Assert.All(events, recorded => Assert.Equal(1, recorded.Count));
    }

    [Fact]
    public async Task CountedEventGone_IsWrittenAnew()
    {
        var (client, recorder, _) = await RecorderAsync();
        var rotation = Rotation("one");
        await recorder.RecordAsync(rotation, EventRecorder.Normal, "Resumed", "resumed at step 3", TestContext.Current.CancellationToken);
        var first = Assert.Single(await EventsAsync(client));
        await client.CoreV1.DeleteNamespacedEventAsync(first.Metadata.Name, _namespace, cancellationToken: TestContext.Current.CancellationToken);

        await recorder.RecordAsync(rotation, EventRecorder.Normal, "Resumed", "resumed at step 3", TestContext.Current.CancellationToken);

        var again = Assert.Single(await EventsAsync(client));
        Assert.NotEqual(first.Metadata.Name, again.Metadata.Name);
        Assert.Equal(1, again.Count);
    }

    private async Task<(IKubernetes Client, EventRecorder Recorder, FakeTimeProvider Time)> RecorderAsync()
    {
        var client = ClusterClients.Create(KubernetesClientConfiguration.BuildConfigFromConfigFile(fixture.Simulation.KubeconfigPath));
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = _namespace } }, cancellationToken: TestContext.Current.CancellationToken);
        var time = new FakeTimeProvider(Start);
        return (client, new EventRecorder(client, "replica-a", time, NullLogger.Instance), time);
    }

    private CaRotation Rotation(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = _namespace, Uid = $"uid-{name}" },
        Spec = Examples.Spec(),
    };

    private async Task<List<Corev1Event>> EventsAsync(IKubernetes client) =>
        [.. (await client.CoreV1.ListNamespacedEventAsync(_namespace, cancellationToken: TestContext.Current.CancellationToken)).Items];
}

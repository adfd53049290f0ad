using System.Text.Json;
using k8s;
using k8s.Models;
using Orchestrator.Controller.Resources;
using Orchestrator.Crypto.Certificates;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Controller;

/// <summary>
/// A CaRotationSchedule run by <c>orchestrator serve</c> as a real process against two simulated regions whose CA
/// expires in two days: the schedule creates one CaRotation, which runs to the end, and the new CA is then fresh.
/// </summary>
public sealed class ScheduleServeTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task CaDueSoon_OneCaRotationCreatedAndSucceeded_ThenTheNewCaIsFreshAndNoSecondOne()
    {
        await using var simulation = await ControllerSimulation.StartAsync(caValidityDays: 2);
        simulation.StartReplica();
        var template = simulation.Rotation("template").Spec with { NewCa = new NewCaSource("ca-{yyyyMMddHHmm}", 2048, 365, null) };
        await CreateScheduleAsync(simulation, new CaRotationSchedule
        {
            Metadata = new V1ObjectMeta { Name = "keep-fresh", NamespaceProperty = ControllerSimulation.ControllerNamespace },
            Spec = new CaRotationScheduleSpec(template, RenewBefore: "720h"),
        });

        var created = await WaitForAsync(async () => (await OwnedAsync(simulation)).SingleOrDefault(), "a CaRotation of the schedule", simulation);
        var done = await simulation.WaitForStateAsync(created.Metadata.Name, "Succeeded", RunTimeout);
        var schedule = await WaitForAsync(
            async () => await FindScheduleAsync(simulation) is { Status: { LastResult: "Succeeded", CurrentRotation: null } } found ? found : null,
            "the schedule reporting the rotation's success",
            simulation);

        Assert.All(done.Status!.Steps!, step => Assert.Equal("Succeeded", step.Status));
        Assert.Empty(simulation.Clusters.TrustLines());
        Assert.Equal(created.Metadata.Name, schedule.Status!.LastRotation);
        var alias = created.Spec.NewCa.Alias!;
        Assert.Matches("^ca-[0-9]{12}$", alias);
        foreach (var region in simulation.Clusters.RegionNames)
        {
            var ca = PemCertificates.Describe(simulation.Clusters.SecretData(region)["ca.crt"]);
            Assert.Equal($"O={alias}", ca.Subject);
            Assert.Contains(schedule.Status.Regions!, status => status.Name == region && status.Subject == ca.Subject && status.Sha256Fingerprint == ca.Sha256Fingerprint);
        }

        // The new CA lasts a year: its renewal is 30 days before its end, and no second CaRotation is made.
        var next = DateTimeOffset.Parse(schedule.Status.NextRenewalTime!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(next - TimeProvider.System.GetUtcNow(), TimeSpan.FromDays(334), TimeSpan.FromDays(336));
        Assert.Contains(schedule.Status.Conditions!, condition => condition is { Type: "Due", Status: "False", Reason: "NotDue" });
        Assert.Single(await OwnedAsync(simulation));
        var reasons = (await simulation.EventsAsync("keep-fresh")).Select(item => item.Reason).ToList();
        Assert.Equal(1, reasons.Count(reason => reason == "RotationScheduled"));
        Assert.Contains("CaExpiringSoon", reasons);
    }

    private static async Task CreateScheduleAsync(ControllerSimulation simulation, CaRotationSchedule schedule) =>
        await simulation.Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            JsonSerializer.SerializeToNode(schedule, CaRotationScheduleJsonContext.Default.CaRotationSchedule)!,
            CaRotationDefinition.Group,
            CaRotationDefinition.Version,
            ControllerSimulation.ControllerNamespace,
            CaRotationScheduleDefinition.Plural,
            cancellationToken: TestContext.Current.CancellationToken);

    private static async Task<CaRotationSchedule?> FindScheduleAsync(ControllerSimulation simulation)
    {
        var found = await simulation.Client.CustomObjects.GetNamespacedCustomObjectAsync(
            CaRotationDefinition.Group, CaRotationDefinition.Version, ControllerSimulation.ControllerNamespace, CaRotationScheduleDefinition.Plural, "keep-fresh", TestContext.Current.CancellationToken);
        return ((JsonElement)found).Deserialize(CaRotationScheduleJsonContext.Default.CaRotationSchedule);
    }

    /// <summary>The CaRotations labelled as the schedule's.</summary>
    private static async Task<List<CaRotation>> OwnedAsync(ControllerSimulation simulation)
    {
        var listed = await simulation.Client.CustomObjects.ListNamespacedCustomObjectAsync(
            CaRotationDefinition.Group,
            CaRotationDefinition.Version,
            ControllerSimulation.ControllerNamespace,
            CaRotationDefinition.Plural,
            labelSelector: $"{CaRotationScheduleDefinition.ScheduleLabel}=keep-fresh",
            cancellationToken: TestContext.Current.CancellationToken);
        return [.. ((JsonElement)listed).GetProperty("items").EnumerateArray().Select(item => item.Deserialize(CaRotationJsonContext.Default.CaRotation)!)];
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> find, string what, ControllerSimulation simulation)
        where T : class
    {
        T? found = null;
        try
        {
            await Polling.UntilAsync(async () => (found = await find()) is not null, what, RunTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{what}: not within {RunTimeout}\n{simulation.ReplicaLogs()}");
        }

        return found!;
    }
}

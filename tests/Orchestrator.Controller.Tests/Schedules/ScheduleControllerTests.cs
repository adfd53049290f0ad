using System.Globalization;
using k8s;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Controller.Resources;
using Orchestrator.Controller.Schedules;
using Orchestrator.Controller.Serving;
using Orchestrator.Controller.Tests.Support;

namespace Orchestrator.Controller.Tests.Schedules;

/// <summary>
/// The schedule controller against a simulated region whose CA lasts ten years, on a clock the test moves: nothing
/// before the due time, exactly one CaRotation from it, none for an expired CA. No rotation runs here (no rotation
/// controller), so a created CaRotation stays unfinished.
/// </summary>
public sealed class ScheduleControllerTests(SimulationFixture fixture) : IClassFixture<SimulationFixture>
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromHours(720);

    [Fact]
    public async Task NotDue_CreatesNothing_StatusSaysWhen_ThenAtThatTimeCreatesExactlyOne()
    {
        await using var harness = await ScheduleHarness.StartAsync(fixture);
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        harness.Run(time);
        var schedule = await harness.CreateAsync(harness.Schedule("fresh"));
        var due = harness.Ca.NotAfter - RenewBefore;

        var waiting = await harness.WaitForStatusAsync("fresh", status => status.NextRenewalTime is not null, "the next renewal time");

        Assert.Equal(RegionCaReading.Timestamp(due), waiting.Status!.NextRenewalTime);
        Assert.Contains(waiting.Status.Conditions!, condition => condition is { Type: "Due", Status: "False", Reason: "NotDue" });
        Assert.Contains(waiting.Status.Conditions!, condition => condition is { Type: "Ready", Status: "True" });
        Assert.Equal(new RegionCaStatus("region1", harness.Ca.Subject, harness.Ca.Sha256Fingerprint, RegionCaReading.Timestamp(harness.Ca.NotAfter)), Assert.Single(waiting.Status.Regions!));
        Assert.Equal(waiting.Metadata.Generation, waiting.Status.ObservedGeneration);
        Assert.Contains(harness.Board.Snapshot(), reading => reading is { Region: "region1", Entry: "ca.crt" } && reading.NotAfter == harness.Ca.NotAfter);
        Assert.Empty(await harness.RotationsAsync());

        // Only the clock moves: the controller's own timer must wake it. The last minute alone is shorter than the
        // watches' relist, so a relist cannot be what wakes it then.
        time.Advance(due - TimeSpan.FromMinutes(1) - time.GetUtcNow());
        time.Advance(TimeSpan.FromMinutes(1));
        var scheduled = await harness.WaitForStatusAsync("fresh", status => status.CurrentRotation is not null, "a current rotation");

        var rotation = Assert.Single(await harness.RotationsAsync());
        var name = "fresh-" + due.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
        Assert.Equal(name, rotation.Metadata.Name);
        Assert.Equal(name, scheduled.Status!.CurrentRotation);
        Assert.Equal("fresh", rotation.Metadata.Labels[CaRotationScheduleDefinition.ScheduleLabel]);
        var owner = Assert.Single(rotation.Metadata.OwnerReferences);
        Assert.Equal((CaRotationScheduleDefinition.Kind, "fresh", schedule.Metadata.Uid, true), (owner.Kind, owner.Name, owner.Uid, owner.Controller));
        var expected = schedule.Spec.Template with { NewCa = schedule.Spec.Template.NewCa with { Alias = "ca-" + time.GetUtcNow().UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture) } };
        Assert.Equal(expected, rotation.Spec);
        Assert.Contains(scheduled.Status.Conditions!, condition => condition is { Type: "Due", Status: "True", Reason: "RotationScheduled" or "RotationRunning" });
        Assert.Contains(name, (await harness.WaitForEventAsync("fresh", "RotationScheduled")).Message, StringComparison.Ordinal);
        Assert.Equal("Warning", (await harness.WaitForEventAsync("fresh", "CaExpiringSoon")).Type);

        // Later still, with that one unfinished, and after a change that makes the controller look again: still one.
        time.Advance(TimeSpan.FromDays(2));
        await harness.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new k8s.Models.V1Patch("""{"spec":{"historyLimit":4}}""", k8s.Models.V1Patch.PatchType.MergePatch),
            CaRotationDefinition.Group,
            CaRotationDefinition.Version,
            harness.Namespace,
            CaRotationScheduleDefinition.Plural,
            "fresh",
            cancellationToken: TestContext.Current.CancellationToken);
        await harness.WaitForStatusAsync("fresh", status => status.ObservedGeneration == 2, "the changed spec looked at");
        Assert.Single(await harness.RotationsAsync());
    }

    [Fact]
    public async Task Due_AcrossARestart_TheNewTermFindsItsRotationAndCreatesNoOther()
    {
        await using var harness = await ScheduleHarness.StartAsync(fixture);
        var due = harness.Ca.NotAfter - RenewBefore;
        harness.Run(new FakeTimeProvider(due + TimeSpan.FromHours(1)));
        await harness.CreateAsync(harness.Schedule("restarted"));
        await harness.WaitForStatusAsync("restarted", status => status.CurrentRotation is not null, "a current rotation");
        await harness.StopAsync();

        // A new term (a restart, or another replica) remembers nothing; a day later the CA is still due.
        harness.Run(new FakeTimeProvider(due + TimeSpan.FromDays(1)));
        await Testing.Polling.UntilAsync(async () => (await harness.EventsAsync("restarted", "CaExpiringSoon")).Count == 2, "the new term's look", TimeSpan.FromSeconds(30));

        Assert.Single(await harness.RotationsAsync());
    }

    [Fact]
    public async Task FinishedRotationsBeyondTheHistoryLimit_AreDeleted_TheNewestIsTheLast()
    {
        await using var harness = await ScheduleHarness.StartAsync(fixture);
        var schedule = await harness.CreateAsync(harness.Schedule("history", historyLimit: 1));
        var api = new CaRotationApi(harness.Client, harness.Namespace);
        foreach (var name in new[] { "history-1", "history-2" })
        {
            await harness.CreateRotationAsync(name, schedule);
            await api.PatchStatusAsync(name, new CaRotationStatus(State: "Succeeded"), TestContext.Current.CancellationToken);
        }

        harness.Run(new FakeTimeProvider(TimeProvider.System.GetUtcNow()));
        var reported = await harness.WaitForStatusAsync("history", status => status.LastRotation is not null, "the last rotation");
        await Testing.Polling.UntilAsync(async () => (await harness.RotationsAsync()).Count == 1, "the older rotation deleted", TimeSpan.FromSeconds(30));

        Assert.Equal("history-2", Assert.Single(await harness.RotationsAsync()).Metadata.Name);
        Assert.Equal(("history-2", "Succeeded"), (reported.Status!.LastRotation, reported.Status.LastResult));
    }

    [Fact]
    public async Task Expired_NoRotation_CaExpiredEventAndConditionSayWhatToDo()
    {
        await using var harness = await ScheduleHarness.StartAsync(fixture);
        harness.Run(new FakeTimeProvider(harness.Ca.NotAfter + TimeSpan.FromDays(1)));
        await harness.CreateAsync(harness.Schedule("expired"));

        var expired = await harness.WaitForStatusAsync("expired", status => status.Conditions?.Any(condition => condition.Reason == "CaExpired") == true, "the CA found expired");

        var condition = Assert.Single(expired.Status!.Conditions!, condition => condition.Type == "Expired");
        Assert.Equal(("True", "CaExpired"), (condition.Status, condition.Reason));
        Assert.Contains("restore trust by hand, then run a CaRotation yourself", condition.Message, StringComparison.Ordinal);
        Assert.Contains(expired.Status.Conditions!, found => found is { Type: "Ready", Status: "False", Reason: "CaExpired" });
        var warning = await harness.WaitForEventAsync("expired", "CaExpired");
        Assert.Equal("Warning", warning.Type);
        Assert.Contains(harness.Ca.Subject, warning.Message, StringComparison.Ordinal);
        Assert.Empty(await harness.RotationsAsync());
    }

    [Fact]
    public async Task InvalidSpec_StatusAndEventNameTheField_NothingCreated()
    {
        await using var harness = await ScheduleHarness.StartAsync(fixture);
        harness.Run(new FakeTimeProvider(harness.Ca.NotAfter - TimeSpan.FromDays(1)));
        await harness.CreateAsync(harness.Schedule("invalid", alias: "ca2"));

        var invalid = await harness.WaitForStatusAsync("invalid", status => status.Message is not null, "a message");

        Assert.StartsWith("spec.template.newCa.alias: 'ca2' has no date placeholder", invalid.Status!.Message, StringComparison.Ordinal);
        Assert.Contains(invalid.Status.Conditions!, condition => condition is { Type: "Ready", Status: "False", Reason: "InvalidSpec" });
        Assert.Equal("Warning", (await harness.WaitForEventAsync("invalid", "InvalidSpec")).Type);
        Assert.Empty(await harness.RotationsAsync());
    }
}

using Microsoft.Extensions.Time.Testing;
using Orchestrator.Core.Rotations;
using Orchestrator.Core.Tests.Support;

namespace Orchestrator.Core.Tests.Rotations;

public sealed class RotationLifecycleTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-30T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Fire_StartFailResumeComplete_StateLivesInTheDocumentAndEachTransitionIsJournaled()
    {
        var rotation = Samples.Rotation("region1");
        var lifecycle = new RotationLifecycle(rotation, _time);

        lifecycle.Fire(RotationTrigger.Start, "started");
        Assert.Equal(RotationState.Running, rotation.State);
        lifecycle.Fire(RotationTrigger.Fail, "step 3 failed");
        _time.Advance(TimeSpan.FromMinutes(5));
        lifecycle.Fire(RotationTrigger.Resume, "resumed");
        lifecycle.Fire(RotationTrigger.Complete, "done");

        Assert.Equal(RotationState.Succeeded, rotation.State);
        Assert.Equal(
            [("Pending", "Running", "Start", "started"), ("Running", "Failed", "Fail", "step 3 failed"), ("Failed", "Running", "Resume", "resumed"), ("Running", "Succeeded", "Complete", "done")],
            lifecycle.TakeTransitions().Select(entry => (entry.From, entry.To, entry.Trigger, entry.Reason)));
        Assert.Equal(_time.GetUtcNow(), rotation.UpdatedAt);
        Assert.Empty(lifecycle.TakeTransitions());
    }

    [Fact]
    public void Fire_ResumeWhileRunning_IsRecoveryFromACrashedProcess()
    {
        var rotation = Samples.Rotation("region1");
        rotation.State = RotationState.Running;
        var lifecycle = new RotationLifecycle(rotation, _time);

        lifecycle.Fire(RotationTrigger.Resume);

        Assert.Equal(RotationState.Running, rotation.State);
    }

    [Fact]
    public void Fire_HoldThenResumeOrAbort_APausedRotationGoesOnOrRollsBack()
    {
        var rotation = Samples.Rotation("region1");
        var lifecycle = new RotationLifecycle(rotation, _time);
        lifecycle.Fire(RotationTrigger.Start);

        lifecycle.Fire(RotationTrigger.Hold, "awaiting approval before step 2");
        Assert.Equal(RotationState.Paused, rotation.State);
        Assert.False(lifecycle.CanFire(RotationTrigger.Complete));
        Assert.False(lifecycle.CanFire(RotationTrigger.Fail));
        Assert.True(lifecycle.CanFire(RotationTrigger.Abort));
        lifecycle.Fire(RotationTrigger.Resume, "step 2 approved");

        Assert.Equal(RotationState.Running, rotation.State);
        Assert.Equal(
            [("Running", "Paused", "Hold"), ("Paused", "Running", "Resume")],
            lifecycle.TakeTransitions().Skip(1).Select(entry => (entry.From, entry.To, entry.Trigger)));
    }

    [Theory]
    [InlineData(RotationState.Paused, RotationTrigger.Complete)]
    [InlineData(RotationState.Paused, RotationTrigger.Hold)]
    [InlineData(RotationState.RollingBack, RotationTrigger.Hold)]
    [InlineData(RotationState.Succeeded, RotationTrigger.Resume)]
    [InlineData(RotationState.Succeeded, RotationTrigger.Abort)]
    [InlineData(RotationState.Succeeded, RotationTrigger.Start)]
    [InlineData(RotationState.RolledBack, RotationTrigger.Resume)]
    [InlineData(RotationState.Pending, RotationTrigger.Complete)]
    [InlineData(RotationState.Pending, RotationTrigger.Resume)]
    [InlineData(RotationState.Failed, RotationTrigger.Complete)]
    [InlineData(RotationState.Running, RotationTrigger.Start)]
    [InlineData(RotationState.RollingBack, RotationTrigger.Complete)]
    public void Fire_IllegalTrigger_RefusedWithStateUnchanged(RotationState state, RotationTrigger trigger)
    {
        var rotation = Samples.Rotation("region1");
        rotation.State = state;
        var lifecycle = new RotationLifecycle(rotation, _time);

        var refusal = Assert.Throws<InvalidTransitionException>(() => lifecycle.Fire(trigger));

        Assert.Equal(state, rotation.State);
        Assert.Contains($"is {state}", refusal.Message, StringComparison.Ordinal);
        Assert.False(lifecycle.CanFire(trigger));
        Assert.Empty(lifecycle.TakeTransitions());
    }

    [Fact]
    public void ToDotGraph_DescribesEveryState()
    {
        var dot = RotationLifecycle.ToDotGraph();

        Assert.All(Enum.GetNames<RotationState>(), state => Assert.Contains(state, dot, StringComparison.Ordinal));
        Assert.Contains("digraph", dot, StringComparison.Ordinal);
    }
}

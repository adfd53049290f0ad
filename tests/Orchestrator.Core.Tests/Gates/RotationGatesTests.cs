using System.Globalization;
using Orchestrator.Core.Gates;
using Orchestrator.Core.Rotations;
using Orchestrator.Core.Specs;
using Orchestrator.Core.Tests.Support;

namespace Orchestrator.Core.Tests.Gates;

public sealed class RotationGatesTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-07T12:00:00Z", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(ApprovalMode.None, new int[0])]
    [InlineData(ApprovalMode.Phases, new[] { 2, 6, 10 })]
    [InlineData(ApprovalMode.Regions, new[] { 2, 4, 6, 8, 10, 12 })]
    public void NeedsApproval_BeforeEachPhaseOrEachSecretWrite(ApprovalMode mode, int[] gates)
    {
        var rotation = Rotation(Samples.Spec("region1", "region2") with { Approval = mode });

        Assert.Equal(gates, rotation.Steps.Where(step => RotationGates.NeedsApproval(rotation, step)).Select(step => step.Number));
    }

    [Fact]
    public void Before_AwaitingApproval_OpensOnlyForAnApprovalOfExactlyThatStep()
    {
        var rotation = Rotation(Samples.Spec("region1", "region2") with { Approval = ApprovalMode.Phases });
        var step2 = rotation.Steps[1];

        var held = RotationGates.Before(rotation, step2, GateSignals.None, Now);
        Assert.Equal((HoldReason.AwaitingApproval, 2, "region1"), (held!.Reason, held.Step, held.Region));
        Assert.NotNull(RotationGates.Before(rotation, step2, new GateSignals(6, false), Now));
        Assert.Null(RotationGates.Before(rotation, step2, new GateSignals(2, false), Now));
        Assert.Null(RotationGates.Before(rotation, rotation.Steps[2], GateSignals.None, Now));
    }

    [Fact]
    public void Before_AStepThatHasBegun_IsNotGatedAgain()
    {
        var rotation = Rotation(Samples.Spec("region1") with { Approval = ApprovalMode.Regions });
        var step2 = rotation.Steps[1];
        step2.Attempts = 1;
        step2.Status = StepStatus.Failed;

        Assert.Null(RotationGates.Before(rotation, step2, GateSignals.None, Now));
    }

    [Fact]
    public void Before_APauseComesFirst_AndHoldsAnyStep()
    {
        var rotation = Rotation(Samples.Spec("region1") with { Approval = ApprovalMode.Regions });

        var held = RotationGates.Before(rotation, rotation.Steps[2], new GateSignals(null, PauseRequested: true), Now);
        Assert.Equal(HoldReason.Paused, held!.Reason);
        Assert.Equal(HoldReason.Paused, RotationGates.Before(rotation, rotation.Steps[1], new GateSignals(2, PauseRequested: true), Now)!.Reason);
    }

    [Fact]
    public void Before_ARollBack_IsNeverHeld()
    {
        var rotation = Rotation(Samples.Spec("region1") with { Approval = ApprovalMode.Regions, MaintenanceWindows = [Window("0 3 * * *", "UTC")] });
        rotation.State = RotationState.RollingBack;

        Assert.Null(RotationGates.Before(rotation, rotation.Steps[1], new GateSignals(null, true), Now));
    }

    [Fact]
    public void Before_OnlySecretWritesWaitForAWindow_UntilItOpens()
    {
        var rotation = Rotation(Samples.Spec("region1") with { MaintenanceWindows = [Window("0 3 * * *", "UTC")] });

        Assert.Null(RotationGates.Before(rotation, rotation.Steps[0], GateSignals.None, Now));
        var held = RotationGates.Before(rotation, rotation.Steps[1], GateSignals.None, Now)!;
        Assert.Equal((HoldReason.WaitingForWindow, At("2026-12-08T03:00:00Z")), (held.Reason, held.Until));
        Assert.Contains("opens at 2026-12-08T03:00:00Z", held.Message, StringComparison.Ordinal);
        Assert.Null(RotationGates.Before(rotation, rotation.Steps[2], GateSignals.None, Now));
        Assert.Null(RotationGates.Before(rotation, rotation.Steps[1], GateSignals.None, At("2026-12-08T03:30:00Z")));
    }

    [Fact]
    public void Before_AWriteThatLanded_IsNotHeldByTheWindow()
    {
        var rotation = Rotation(Samples.Spec("region1") with { MaintenanceWindows = [Window("0 3 * * *", "UTC")] });
        var step2 = rotation.Steps[1];
        step2.Write = new SecretWrite { TargetChecksum = "x", Baseline = new RolloutBaseline([], []), IntendedAt = Now, Done = true };

        Assert.Null(RotationGates.Before(rotation, step2, GateSignals.None, Now));
    }

    [Fact]
    public void Before_RegionsInOtherTimeZones_EachWaitForTheirOwnWindow_AcrossDaylightSaving()
    {
        // 02:00 local in each: Berlin is still on winter time (01:00Z) on 2026-03-10, New York already on summer time (06:00Z).
        var spec = Samples.Spec("region1", "region2") with { MaintenanceWindows = [Window("0 2 * * *", "Europe/Berlin")] };
        spec = spec with { Regions = [spec.Regions[0], spec.Regions[1] with { MaintenanceWindows = [Window("0 2 * * *", "America/New_York")] }] };
        var rotation = Rotation(spec);
        var start = At("2026-03-09T23:00:00Z");

        var first = RotationGates.Before(rotation, rotation.Steps[1], GateSignals.None, start)!;
        var second = RotationGates.Before(rotation, rotation.Steps[3], GateSignals.None, start)!;
        Assert.Equal(At("2026-03-10T01:00:00Z"), first.Until);
        Assert.Equal(At("2026-03-10T06:00:00Z"), second.Until);

        // Once region1's window is open its write may begin; region2's must still wait, and begins at 06:00Z.
        Assert.Null(RotationGates.Before(rotation, rotation.Steps[1], GateSignals.None, At("2026-03-10T01:30:00Z")));
        Assert.NotNull(RotationGates.Before(rotation, rotation.Steps[3], GateSignals.None, At("2026-03-10T01:30:00Z")));
        Assert.Null(RotationGates.Before(rotation, rotation.Steps[3], GateSignals.None, At("2026-03-10T06:00:00Z")));

        // A week earlier, before the US change, region2's 02:00 was 07:00Z.
        Assert.Equal(At("2026-03-03T07:00:00Z"), RotationGates.Before(rotation, rotation.Steps[3], GateSignals.None, At("2026-03-03T03:00:00Z"))!.Until);
    }

    [Fact]
    public void Before_StillHeldAtTheSameGate_KeepsWhenItBegan()
    {
        var rotation = Rotation(Samples.Spec("region1") with { Approval = ApprovalMode.Phases });
        rotation.Hold = RotationGates.Before(rotation, rotation.Steps[1], GateSignals.None, Now);

        Assert.Equal(Now, RotationGates.Before(rotation, rotation.Steps[1], GateSignals.None, Now.AddHours(5))!.Since);
    }

    [Fact]
    public void WindowFeasibility_RefusesWindowsThatNeverOpenOrOpenOnlyAfterTheCaExpires()
    {
        var spec = Samples.Spec("region1", "region2") with { MaintenanceWindows = [Window("0 0 1 1 *", "UTC")] };
        spec = spec with { Regions = [spec.Regions[0], spec.Regions[1] with { MaintenanceWindows = [Window("0 0 30 2 *", "UTC")] }] };

        var problem = WindowFeasibility.Problem(spec, caNotAfter: At("2026-12-20T00:00:00Z"), Now);

        Assert.Contains("maintenanceWindows: region1's windows first open at 2027-01-01 00:00Z, after the current CA expires (2026-12-20 00:00Z)", problem, StringComparison.Ordinal);
        Assert.Contains("regions[1].maintenanceWindows: region2's windows never open", problem, StringComparison.Ordinal);
        Assert.Null(WindowFeasibility.Problem(spec with { Regions = [spec.Regions[0]] }, At("2027-06-01T00:00:00Z"), Now));
    }

    private static Rotation Rotation(RotationSpec spec) =>
        Core.Rotations.Rotation.Create(
            RotationId.Parse("rot-test"),
            spec,
            Samples.Workflow,
            Samples.OldCa,
            null,
            spec.Regions.ToDictionary(region => region.Name, _ => new RolloutBaseline([], [])),
            Now);

    private static MaintenanceWindow Window(string cron, string zone) => new(cron, TimeSpan.FromHours(2), zone);

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}

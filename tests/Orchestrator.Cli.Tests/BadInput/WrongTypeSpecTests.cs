using System.Text;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.BadInput;

/// <summary>
/// Every field of the spec given a value of another kind, through <c>start-rotation</c>: each refused with exit 2 and
/// one line naming the field and what was found, and nothing changed.
/// </summary>
public sealed class WrongTypeSpecTests(RefusalFixture fixture) : IClassFixture<RefusalFixture>
{
    public static TheoryData<string> WrongTypes => SpecRefusals.Names(MangledSpecs.WrongTypes());

    [Fact]
    public async Task Plan_UnmangledFullSpec_PlannedWithoutWrites()
    {
        var spec = fixture.WriteSpec("full.yaml", Encoding.UTF8.GetBytes(MangledSpecs.Full));

        var outcome = await OrchestratorProcess.RunAsync(["plan", "--spec", spec]);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("13  wait-rollout    region2", outcome.Output, StringComparison.Ordinal);
        fixture.AssertNothingChanged();
    }

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public Task StartRotation_WrongType_Exit2NamingTheFieldNothingChanged(string name) =>
        SpecRefusals.AssertRefusedAsync(fixture, "wrong-types", MangledSpecs.WrongTypes, name);
}

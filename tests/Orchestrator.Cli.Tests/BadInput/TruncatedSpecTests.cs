using System.Globalization;
using System.Text;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Core.Specs;

namespace Orchestrator.Cli.Tests.BadInput;

/// <summary>
/// The valid spec cut short at 40 offsets, through <c>plan</c> (which never writes). Whether a cut still parses is
/// decided first by the parser in this process: a cut that does not must be refused with exactly the parser's message;
/// a cut that leaves the same spec (a trailing newline) must be planned; a cut that leaves another valid-looking spec
/// (a name cut short) is for preflight to judge, and either way nothing may be written.
/// </summary>
public sealed class TruncatedSpecTests(RefusalFixture fixture) : IClassFixture<RefusalFixture>
{
    public static TheoryData<int> Offsets => new(MangledSpecs.TruncationOffsets(40));

    [Theory]
    [MemberData(nameof(Offsets))]
    public async Task Plan_TruncatedSpec_RefusedUnlessStillAValidSpec(int offset)
    {
        // Every cut is planned at once, a few at a time; each beside the simulator's kubeconfig, under its own name.
        var runs = fixture.Batch("truncations", () => MangledSpecs.TruncationOffsets(40).ToDictionary(
            cut => cut.ToString(CultureInfo.InvariantCulture),
            cut => new[] { "plan", "--spec", fixture.WriteSpec(FileName(cut), Encoding.UTF8.GetBytes(MangledSpecs.Valid[..cut])) }));
        await Task.WhenAll(runs.Values);
        var spec = Path.Combine(fixture.Clusters.Directory, FileName(offset));
        var whole = SpecParser.ParseFile(fixture.WriteSpec("whole.yaml", Encoding.UTF8.GetBytes(MangledSpecs.Valid)));
        RotationSpec? parsed = null;
        string? refusal = null;
        try
        {
            parsed = SpecParser.ParseFile(spec);
        }
        catch (SpecException refused)
        {
            refusal = refused.Message;
        }

        var outcome = await runs[offset.ToString(CultureInfo.InvariantCulture)];

        var log = TestContext.Current.TestOutputHelper;
        if (refusal is not null)
        {
            log?.WriteLine($"does not parse: {refusal}");
            Assert.Equal($"error: {refusal}", fixture.AssertRefused(outcome));
        }
        else if (Same(parsed!, whole))
        {
            log?.WriteLine("parses to the same spec");
            Assert.True(outcome.ExitCode == 0, outcome.ToString());
            Assert.Contains("13  wait-rollout    region2", outcome.Output, StringComparison.Ordinal);
            fixture.AssertNothingChanged();
        }
        else if (outcome.ExitCode == 0)
        {
            log?.WriteLine("parses to another spec, which preflight accepts");
            Assert.Contains("wait-rollout", outcome.Output, StringComparison.Ordinal);
            RefusalFixture.AssertNoLeaks(outcome);
            fixture.AssertNothingChanged();
        }
        else
        {
            var line = fixture.AssertRefused(outcome);
            log?.WriteLine($"parses to another spec, which preflight refuses: {line}");
            Assert.Contains(parsed!.Regions, region => line.Contains(region.Name, StringComparison.Ordinal));
        }
    }

    private static string FileName(int offset) => $"cut-at-{offset}.yaml";

    private static bool Same(RotationSpec spec, RotationSpec other) =>
        spec with { Regions = Array.Empty<RegionSpec>() } == other with { Regions = Array.Empty<RegionSpec>() } && spec.Regions.SequenceEqual(other.Regions);
}

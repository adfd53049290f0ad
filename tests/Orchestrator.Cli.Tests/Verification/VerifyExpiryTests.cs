using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Verification;

/// <summary>
/// <c>verify --expiring-within</c>, for teams that check from cron: exit 1 naming each region's CA certificate that
/// expires within the window and when, exit 0 when none does, exit 2 for a window it cannot read.
/// </summary>
public sealed class VerifyExpiryTests
{
    [Fact]
    public async Task Verify_ExpiringWithin_FailsOnlyWhenACaExpiresInsideTheWindow()
    {
        await using var clusters = await SimulatedClusters.StartAsync(2, pods: 1, caValidityDays: 10);
        var spec = clusters.WriteSpec();

        var distant = await Verification.RunAsync(clusters, spec, options: ["--expiring-within", "5d"]);
        Assert.True(distant.Json["ok"]!.GetValue<bool>());

        var soon = await Verification.RunAsync(clusters, spec, expectedExit: 1, options: ["--expiring-within", "30d"]);
        var problems = soon.Json["problems"]!.AsArray().Select(problem => problem!.GetValue<string>()).ToList();
        Assert.Equal(2, problems.Count);
        foreach (var (problem, region) in problems.Zip(clusters.RegionNames))
        {
            Assert.Matches($"^{region}: ca\\.crt \\(O=ca1\\) expires at \\d{{4}}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC, within 30d \\(in 9 days\\); rotate it before then$", problem);
        }

        // The phase and the node TLS still agree: the window's findings alone make it fail.
        Assert.True(soon.Json["consistent"]!.GetValue<bool>());
        var text = await Verification.RunAsync(clusters, spec, expectedExit: 1, output: "text", options: ["--expiring-within", "720h"]);
        Assert.Contains("  - region1: ca.crt (O=ca1) expires at ", text.Outcome.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("30")]
    [InlineData("-1d")]
    [InlineData("0d")]
    public async Task Verify_UnreadableWindow_Exit2NamingTheOption(string window)
    {
        await using var clusters = await SimulatedClusters.StartAsync(1, pods: 1);

        var refused = await Verification.RunAsync(clusters, clusters.WriteSpec(), expectedExit: 2, options: ["--expiring-within", window]);

        Assert.Contains($"--expiring-within '{window}': expected a duration such as 30d, 720h or 1d12h", refused.Outcome.Error, StringComparison.Ordinal);
        Assert.Empty(refused.Outcome.Output);
    }
}

using System.Text;
using k8s.Models;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Core.Cassandra;
using Orchestrator.Crypto.Certificates;
using Orchestrator.Simulator.Faults;
using Orchestrator.Simulator.Storage;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Verification;

/// <summary>
/// <c>verify</c> at every phase of a real two-region rotation, run while the rotation holds its Leases and run lock.
/// The rotation is held at each phase by the simulator, not by timing: a stuck pod holds the wait that follows the
/// phase's Secret change in a region until the fault is cleared.
/// </summary>
public sealed class VerifyRotationTests
{
    private const string StuckPod = "example-cluster-cassandra-dc1-0";

    [Fact]
    public async Task Verify_ThroughATwoRegionRotation_NamesEachPhaseAndFailsOnlyWhileTheRegionsDisagree()
    {
        await using var clusters = await SimulatedClusters.StartAsync(2, pods: 1);
        var spec = clusters.WriteSpec();

        var before = await Verification.RunAsync(clusters, spec);
        Verification.AssertAgreed(before, "none", [["O=ca1"], ["O=ca1"]]);
        Assert.Equal(["certificates", "certificates"], Verification.Regions(before).Select(region => region["phaseEvidence"]!.GetValue<string>()));
        Assert.False(File.Exists(clusters.StatePath), "verify created the state file");

        // The rotation runs all along, holding its Leases and run lock while verify reads; a stuck pod holds each
        // region's wait in turn. Phase 1 reaches both regions; region2's wait then holds.
        clusters.Faults("region2").Replace(new FaultSettings { StuckPods = [StuckPod] });
        using var run = OrchestratorProcess.Start(["start-rotation", "--spec", spec, "--state", clusters.StatePath]);
        await UntilHeldAsync(clusters, "region2", "O=ca1", "O=ca2");
        var added = await Verification.RunAsync(clusters, spec, alone: false);
        Verification.AssertAgreed(added, "added", [["O=ca1", "O=ca2"], ["O=ca1", "O=ca2"]]);
        var rotation = Verification.Regions(added)[0]["rotation"]!.GetValue<string>();
        Assert.All(Verification.Regions(added), region => Assert.Equal(("rotation", rotation), (region["phaseEvidence"]!.GetValue<string>(), region["rotation"]!.GetValue<string>())));
        Assert.Equal(["ca.crt", "ca2.crt"], Verification.Regions(added)[1]["entries"]!.AsArray().Select(entry => entry!["key"]!.GetValue<string>()));
        var region2 = Verification.Regions(added)[1];
        Assert.Contains(region2["statefulSets"]!.AsArray(), set => !set!["settled"]!.GetValue<bool>());
        Assert.Contains(region2["notes"]!.AsArray(), note => note!.GetValue<string>().Contains("still rolling out", StringComparison.Ordinal));

        // Phase 2 reaches region1 only: its wait holds before region2's Secret is touched.
        clusters.Faults("region1").Replace(new FaultSettings { StuckPods = [StuckPod] });
        clusters.Faults("region2").Replace(FaultSettings.None);
        await UntilHeldAsync(clusters, "region1", "O=ca2", "O=ca1");
        var ahead = await Verification.RunAsync(clusters, spec, expectedExit: 1, alone: false);
        Assert.Null(ahead.Json["phase"]);
        Assert.False(ahead.Json["consistent"]!.GetValue<bool>());
        Assert.False(ahead.Json["ok"]!.GetValue<bool>());
        Assert.Equal(["promoted", "added"], Verification.Regions(ahead).Select(region => region["phase"]!.GetValue<string>()));
        Assert.All(Verification.Regions(ahead), region => Assert.Empty(region["problems"]!.AsArray()));
        var disagreement = Assert.Single(ahead.Json["problems"]!.AsArray())!.GetValue<string>();
        Assert.Contains("region1 promoted, region2 added", disagreement, StringComparison.Ordinal);
        var aheadText = await Verification.RunAsync(clusters, spec, expectedExit: 1, output: "text", alone: false);
        Assert.Contains("Verdict: FAILED: the regions disagree (region1 promoted, region2 added)", aheadText.Outcome.Output, StringComparison.Ordinal);

        // Phase 2 reaches region2; its wait holds.
        clusters.Faults("region2").Replace(new FaultSettings { StuckPods = [StuckPod] });
        clusters.Faults("region1").Replace(FaultSettings.None);
        await UntilHeldAsync(clusters, "region2", "O=ca2", "O=ca1");
        var promoted = await Verification.RunAsync(clusters, spec, alone: false);
        Verification.AssertAgreed(promoted, "promoted", [["O=ca2", "O=ca1"], ["O=ca2", "O=ca1"]]);

        clusters.Faults("region2").Replace(FaultSettings.None);
        var finished = await run.WaitForExitAsync(TimeSpan.FromMinutes(2));
        Assert.True(finished.ExitCode == 0, finished.ToString());
        var removed = await Verification.RunAsync(clusters, spec);
        Verification.AssertAgreed(removed, "removed", [["O=ca2"], ["O=ca2"]]);
        Assert.All(Verification.Regions(removed), region => Assert.All(region["statefulSets"]!.AsArray(), set => Assert.True(set!["settled"]!.GetValue<bool>())));

        // Without the rotation's record, one CA is all there is to see: "none" is the honest answer.
        var elsewhere = Path.Combine(clusters.Directory, "no-such-state.db");
        var unrecorded = await Verification.RunAsync(clusters, spec, state: elsewhere, output: "text");
        Assert.Contains("region2 (namespace anton): phase none, one CA, O=ca2", unrecorded.Outcome.Output, StringComparison.Ordinal);
        Assert.Contains("Verdict: OK: every region is in phase none", unrecorded.Outcome.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(elsewhere), "verify created a state file");
        Assert.Empty(clusters.TrustLines());
    }

    /// <summary>
    /// Until the region's CA Secret holds these CAs (ca.crt, then ca2.crt), the operator has acknowledged it, and the
    /// roll it started has taken the region's one pod down for good (the stuck pod).
    /// </summary>
    private static Task UntilHeldAsync(SimulatedClusters clusters, string region, params string[] subjects) =>
        Polling.UntilAsync(
            () =>
            {
                var store = clusters.Store(region);
                var secret = store.Get(ResourceTypes.Secrets, SimulatedClusters.Namespace, SimulatedClusters.CaSecret)!.As<V1Secret>();
                var held = new[] { "ca.crt", "ca2.crt" }.Where(secret.Data.ContainsKey).Select(key => PemCertificates.Describe(Encoding.UTF8.GetString(secret.Data[key])).Subject);
                var acknowledged = secret.Metadata.Annotations is { } annotations
                    && annotations.TryGetValue(SecretChecksum.AnnotationName, out var checksum)
                    && checksum == SecretChecksum.Compute(secret.Data.AsReadOnly());
                var set = store.Get(ResourceTypes.StatefulSets, SimulatedClusters.Namespace, "example-cluster-cassandra-dc1")!.As<V1StatefulSet>();
                return held.SequenceEqual(subjects) && acknowledged && (set.Status?.ReadyReplicas ?? 0) == 0 && set.Status?.UpdateRevision != set.Status?.CurrentRevision;
            },
            $"{region}'s CA Secret holds {string.Join(", ", subjects)}, acknowledged by the operator, and its pod is stuck in the roll",
            TimeSpan.FromMinutes(2));
}

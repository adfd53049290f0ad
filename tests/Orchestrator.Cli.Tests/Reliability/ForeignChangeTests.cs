using System.Text;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Crypto.Authority;
using Orchestrator.Crypto.Certificates;
using Orchestrator.Simulator.Faults;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>
/// Someone else changes the CA Secret so that it fits neither the content before step 4 (promote-new-ca) nor after it:
/// the step stops (exit 3), says what changed, and never overwrites it.
/// </summary>
/// <remarks>
/// Both moments are held open by the simulator rather than raced with a delay: failing reads of the Secret hold step 4
/// before its read (a change made during step 3's wait is that wait's to report), and failing lists hold it between
/// its read and its write.
/// </remarks>
public sealed class ForeignChangeTests
{
    private const string StuckPod = "example-cluster-cassandra-dc1-0";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private static readonly string IntruderPem = CertificateAuthorityGenerator.Generate(new CertificateAuthorityOptions("intruder", 2048), TimeProvider.System).CertificatePem;

    [Theory]
    [InlineData(ForeignChange.ExtraEntryRemoved)]
    [InlineData(ForeignChange.ExtraEntryReplacedByAnotherCa)]
    public async Task StartRotation_SecretChangedBeforeTheStepReadsIt_Exits3WithoutOverwritingIt(ForeignChange change)
    {
        await using var clusters = await SimulatedClusters.StartAsync(1, pods: 2);
        clusters.Faults("region1").Replace(new FaultSettings { StuckPods = [StuckPod] });
        using var run = OrchestratorProcess.Start(["start-rotation", "--spec", clusters.WriteSpec(), "--state", clusters.StatePath]);
        await WaitForTheStuckPodAsync(run);

        // Step 4's first request is its read of the Secret: failing it holds step 4 there, once step 3 has ended on the
        // content it waited for (the stuck pod freed), while the Secret changes. Paused, the operator does not roll the
        // change out.
        clusters.Faults("region1").Replace(new FaultSettings { FailRequests = [new RequestFailure { Verb = "get", Resource = "secrets", Code = 500, Count = 1_000 }] });
        await Polling.UntilAsync(() => clusters.Log.InjectedFailures("region1", 500, "get", "secrets").Count > 0, "step 4 reads the Secret", Patience);
        clusters.Faults("region1").Replace(new FaultSettings { FailRequests = [new RequestFailure { Verb = "get", Resource = "secrets", Code = 500, Count = 1_000 }], OperatorPaused = true });
        var expected = Make(clusters, change);
        clusters.Faults("region1").Replace(new FaultSettings { OperatorPaused = true });

        await AssertRefusedAsync(clusters, await run.WaitForExitAsync(Patience), change, expected, [200]);
    }

    [Theory]
    [InlineData(ForeignChange.ExtraEntryRemoved)]
    [InlineData(ForeignChange.ExtraEntryReplacedByAnotherCa)]
    public async Task StartRotation_SecretChangedBetweenTheStepsReadAndWrite_Exits3WithoutOverwritingIt(ForeignChange change)
    {
        await using var clusters = await SimulatedClusters.StartAsync(1, pods: 2);
        clusters.Faults("region1").Replace(new FaultSettings { StuckPods = [StuckPod] });
        using var run = OrchestratorProcess.Start(["start-rotation", "--spec", clusters.WriteSpec(), "--state", clusters.StatePath]);
        await WaitForTheStuckPodAsync(run);

        // Step 3 has listed everything it watches; the next list of pods is step 4's, for the baseline it records after
        // reading the Secret and before writing it. Failing it holds step 4 there while the Secret changes.
        clusters.Faults("region1").Replace(new FaultSettings { FailRequests = [new RequestFailure { Verb = "list", Resource = "pods", Code = 500, Count = 1_000 }] });
        await Polling.UntilAsync(() => clusters.Log.InjectedFailures("region1", 500, "list", "pods").Count > 0, "step 4 lists pods for its baseline", Patience);
        var expected = Make(clusters, change);
        clusters.Faults("region1").Replace(FaultSettings.None);

        // Its write, conditional on the version it read, is refused; read again, the Secret no longer fits.
        await AssertRefusedAsync(clusters, await run.WaitForExitAsync(Patience), change, expected, [200, 409]);
    }

    /// <summary>Step 3 waits on the stuck pod: the operator took step 2's content and every other pod is replaced.</summary>
    private static Task<string> WaitForTheStuckPodAsync(OrchestratorProcess run) =>
        run.WaitForErrorLineAsync(line => line.Contains("region1: example-cluster-cassandra-dc1 1/2 replaced and Ready; waiting for replaced pods to become Ready", StringComparison.Ordinal), Patience);

    /// <summary>Makes the change; returns how the orchestrator should describe it.</summary>
    private static string Make(SimulatedClusters clusters, ForeignChange change)
    {
        clusters.ChangeSecret("region1", data =>
        {
            if (change == ForeignChange.ExtraEntryRemoved)
            {
                data.Remove("ca2.crt");
            }
            else
            {
                data["ca2.crt"] = Encoding.UTF8.GetBytes(IntruderPem);
            }
        });
        return change == ForeignChange.ExtraEntryRemoved ? "ca2.crt was removed" : "ca2.crt now holds O=intruder";
    }

    private static async Task AssertRefusedAsync(SimulatedClusters clusters, ProcessOutcome outcome, ForeignChange change, string expected, int[] updateCodes)
    {
        Assert.True(outcome.ExitCode == 3, outcome.ToString());
        var status = await clusters.StatusAsync();
        Assert.Equal("Failed", status["state"]!.GetValue<string>());
        var step = status["steps"]![3]!;
        Assert.Equal(("promote-new-ca", "Failed"), (step["name"]!.GetValue<string>(), step["status"]!.GetValue<string>()));
        var error = step["error"]!.GetValue<string>();
        Assert.Contains("region1: Secret anton/example-cluster-manual-tls-ca was changed by someone else and no longer fits step promote-new-ca", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains("not overwritten", error, StringComparison.Ordinal);

        Assert.Equal(updateCodes, clusters.SecretUpdates().Select(line => line["code"]!.GetValue<int>()));
        var data = clusters.SecretData("region1");
        Assert.Equal("O=ca1", PemCertificates.Describe(data["ca.crt"]).Subject);
        if (change == ForeignChange.ExtraEntryRemoved)
        {
            Assert.Equal(["ca.crt", "ca.key"], data.Keys.Order());
        }
        else
        {
            Assert.Equal(IntruderPem, data["ca2.crt"]);
        }
    }
}

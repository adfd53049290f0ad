using k8s.Models;
using Orchestrator.Controller.Resources;

namespace Orchestrator.Controller.Tests.Support;

/// <summary>CaRotations with every field set, so that a test of names and types sees all of them.</summary>
internal static class Examples
{
    public static CaRotationSpec Spec() => new(
        "example-cluster",
        "cassandra",
        "example-cluster-manual-tls-ca",
        "ca2.crt",
        new NewCaSource("ca2", 2048, 365, new SecretNameReference("brought-ca")),
        [
            new RegionSource("eu-west", null, null, null),
            new RegionSource("us-east", "cassandra-us", "us-east", new SecretKeyReference("us-east-kubeconfig", "kubeconfig")),
        ],
        new RolloutSettings("30m"),
        false);

    public static CaRotationStatus Status()
    {
        var progress = new WaitProgressStatus(
            "Rollout",
            "pods replaced and Ready",
            [new StatefulSetProgressStatus("example-cluster-cassandra-dc1", 1, 3)],
            "waiting for pod example-cluster-cassandra-dc1-1",
            "2026-12-06T02:00:05Z");
        return new CaRotationStatus(
            State: "Running",
            ObservedGeneration: 1,
            CurrentStep: new CurrentStepStatus(9, "wait-rollout", "us-east"),
            Steps:
            [
                new StepStatus(1, "generate-ca", null, "Succeeded", 1, "2026-12-06T01:00:00Z", "2026-12-06T01:00:01Z", null, "generated O=ca2"),
                new StepStatus(8, "promote-new-ca", "us-east", "Failed", 2, "2026-12-06T01:30:00Z", "2026-12-06T01:30:01Z", "conflict", null),
                new StepStatus(9, "wait-rollout", "us-east", "Running", 1, "2026-12-06T02:00:00Z"),
            ],
            Progress: progress,
            Conditions:
            [
                new ConditionStatus("Progressing", "True", 1, "2026-12-06T02:00:00Z", "WaitingForRollout", "waiting for us-east's pods"),
            ],
            Message: "waiting for us-east's pods",
            StepText: CaRotationStatus.StepTextOf(9, 13),
            Region: "us-east",
            ProgressText: CaRotationStatus.ProgressTextOf(progress));
    }

    public static CaRotation Rotation() => new()
    {
        Metadata = new V1ObjectMeta { Name = "example-cluster-ca2", NamespaceProperty = "cassandra", Generation = 1 },
        Spec = Spec(),
        Status = Status(),
    };
}

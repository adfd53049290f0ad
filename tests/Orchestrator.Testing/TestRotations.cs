using System.Security.Cryptography;
using Orchestrator.Core.Rotations;
using Orchestrator.Core.Security;
using Orchestrator.Core.Specs;
using Orchestrator.Core.Workflows;

namespace Orchestrator.Testing;

/// <summary>Rotations built the way the CLI builds them, with every optional field filled.</summary>
public static class TestRotations
{
    private static readonly Lazy<string> SharedKeyPem = new(() =>
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    });

    /// <summary>A real RSA private key in PEM, generated once per test run.</summary>
    public static string PrivateKeyPem => SharedKeyPem.Value;

    public static readonly DateTimeOffset Start = new DateTimeOffset(2026, 11, 30, 9, 15, 0, TimeSpan.FromHours(1)).AddTicks(1_234_567);

    public static RotationSpec Spec(string cluster = "example-cluster") => new(
        cluster,
        "anton",
        "example-cluster-manual-tls-ca",
        RotationSpec.DefaultExtraCaKey,
        new NewCaSpec("ca2", NewCaSpec.MinimumKeySize, 730, "/etc/ca/new.crt", "/etc/ca/new.key"),
        [
            new RegionSpec("region1", "/home/op/.kube/region1", "region1-admin", "anton"),
            new RegionSpec("region2", "/home/op/.kube/region2", null, "anton-dr"),
        ],
        TimeSpan.FromMinutes(42.5));

    public static WorkflowDefinition Workflow() => new(
        "add-promote-drop",
        "Trust both CAs, promote the new one, then drop the old one.",
        [
            new PhaseDefinition("trust-new", "Old CA signs, new CA trusted too.", CaSource.Old, CaSource.New),
            new PhaseDefinition("promote-new", "New CA signs, old CA still trusted.", CaSource.New, CaSource.Old),
            new PhaseDefinition("drop-old", "New CA alone.", CaSource.New, null),
        ]);

    public static CaMaterial Ca(string alias, string keyPem) => new(
        $"-----BEGIN CERTIFICATE-----\nMIIB{alias}certificate\n-----END CERTIFICATE-----\n",
        new SensitiveText(keyPem),
        $"CN={alias}",
        "3F:A1:" + alias.ToUpperInvariant(),
        new DateTimeOffset(2036, 1, 2, 3, 4, 5, TimeSpan.FromHours(-5)).AddTicks(7_654_321));

    /// <summary>A fresh rotation as <see cref="Rotation.Create"/> makes it.</summary>
    public static Rotation New(string id, DateTimeOffset? createdAt = null, string cluster = "example-cluster") =>
        Rotation.Create(
            RotationId.Parse(id),
            Spec(cluster),
            Workflow(),
            Ca("ca1", PrivateKeyPem),
            null,
            Spec(cluster).Regions.ToDictionary(region => region.Name, region => new RolloutBaseline([new StatefulSetRevision($"{region.Name}-dc1", 1, "dc1-1")], [$"{region.Name}-uid"])),
            createdAt ?? Start);

    /// <summary>A rotation part-way through, with every optional field of every type set.</summary>
    public static Rotation Full(string id)
    {
        var rotation = New(id);
        rotation.State = RotationState.Failed;
        rotation.UpdatedAt = Start.AddMinutes(17).AddTicks(89);
        rotation.NewCa = Ca("ca2", "-----BEGIN PRIVATE KEY-----\nnew-ca-key\n-----END PRIVATE KEY-----\n");
        rotation.Reason = "wait-rollout region2 timed out after 42m30s";
        var statuses = new[] { StepStatus.Succeeded, StepStatus.Skipped, StepStatus.Failed, StepStatus.Running, StepStatus.Pending };
        foreach (var step in rotation.Steps)
        {
            step.Status = statuses[step.Number % statuses.Length];
            step.Attempts = step.Number;
            step.StartedAt = Start.AddSeconds(step.Number).AddTicks(step.Number);
            step.FinishedAt = Start.AddSeconds(step.Number * 2).AddTicks(3);
            step.Error = $"error of step {step.Number}";
            step.Detail = $"detail of step {step.Number}";
            step.Write = new SecretWrite
            {
                TargetChecksum = $"checksum-{step.Number}",
                Baseline = new RolloutBaseline(
                    [new StatefulSetRevision("example-cluster-cassandra-dc1", 7_000_000_000L + step.Number, "dc1-5d8f"), new StatefulSetRevision("example-cluster-cassandra-dc2", 3, null)],
                    [$"uid-{step.Number}-a", $"uid-{step.Number}-b"]),
                IntendedAt = Start.AddMinutes(step.Number),
                Done = true,
                DoneAt = Start.AddMinutes(step.Number).AddMilliseconds(250),
                WrittenByThisStep = step.Number % 2 == 0,
                ResourceVersion = $"{1000 + step.Number}",
            };
            step.Settled = new RolloutBaseline([new StatefulSetRevision("example-cluster-cassandra-dc1", step.Number, $"dc1-{step.Number}")], [$"settled-{step.Number}"]);
        }

        return rotation;
    }

    public static JournalEntry Entry(string rotationId, int number, DateTimeOffset? time = null) => new()
    {
        RotationId = RotationId.Parse(rotationId),
        Time = (time ?? Start).AddSeconds(number),
        Kind = JournalEntryKind.StepFinished,
        From = "Running",
        To = "Succeeded",
        Trigger = "StepSucceeded",
        Step = number,
        StepName = "wait-rollout",
        Region = "region2",
        Attempt = 2,
        Duration = TimeSpan.FromMilliseconds(1234.5),
        Reason = $"entry {number}",
    };
}

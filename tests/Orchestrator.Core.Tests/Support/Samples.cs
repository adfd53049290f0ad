using Orchestrator.Core.Rotations;
using Orchestrator.Core.Specs;
using Orchestrator.Core.Workflows;
using Orchestrator.Crypto;
using Orchestrator.Crypto.Authority;

namespace Orchestrator.Core.Tests.Support;

/// <summary>Specs, workflows, CAs and rotations for tests; the CAs are made once per test run (2048-bit, for speed).</summary>
internal static class Samples
{
    private static readonly Lazy<PemKeyPair> OldPair = new(() => CertificateAuthorityGenerator.Generate(new CertificateAuthorityOptions("ca1", 2048), TimeProvider.System));
    private static readonly Lazy<PemKeyPair> NewPair = new(() => CertificateAuthorityGenerator.Generate(new CertificateAuthorityOptions("ca2", 2048), TimeProvider.System));
    private static readonly Lazy<PemKeyPair> StrangerPair = new(() => CertificateAuthorityGenerator.Generate(new CertificateAuthorityOptions("intruder", 2048), TimeProvider.System));

    public static WorkflowDefinition Workflow { get; } = WorkflowLoader.Load(WorkflowLoader.DefaultPath);

    public static CaMaterial OldCa => CaMaterial.From(OldPair.Value);

    public static CaMaterial NewCa => CaMaterial.From(NewPair.Value);

    public static CaMaterial StrangerCa => CaMaterial.From(StrangerPair.Value);

    public static RotationSpec Spec(params string[] regions) => new(
        "example-cluster",
        "anton",
        "example-cluster-manual-tls-ca",
        "ca2.crt",
        new NewCaSpec("ca2", 2048, 3650, null, null),
        regions.Select(region => new RegionSpec(region, "/tmp/kubeconfig", region, "anton")).ToList(),
        TimeSpan.FromMinutes(5));

    public static Rotation Rotation(params string[] regions) =>
        Core.Rotations.Rotation.Create(
            RotationId.Parse("rot-test"),
            Spec(regions),
            Workflow,
            OldCa,
            null,
            regions.ToDictionary(region => region, _ => new RolloutBaseline([], [])),
            DateTimeOffset.Parse("2026-11-30T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
}

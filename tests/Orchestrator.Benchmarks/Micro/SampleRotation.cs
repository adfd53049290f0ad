using System.Text;
using Orchestrator.Core.Rotations;
using Orchestrator.Core.Specs;
using Orchestrator.Core.Workflows;
using Orchestrator.Crypto.Authority;

namespace Orchestrator.Benchmarks.Micro;

/// <summary>A rotation as <c>start-rotation</c> creates it for two regions, for benchmarks that need one to store.</summary>
internal static class SampleRotation
{
    private const string Spec = """
        cluster: example-cluster
        namespace: anton
        caSecret: example-cluster-manual-tls-ca
        newCa:
          alias: ca2
          keySize: 2048
        regions:
          - name: region1
            kubeconfig: ./kubeconfig
            context: region1
          - name: region2
            kubeconfig: ./kubeconfig
            context: region2
        """;

    public static Rotation Create(string id, TimeProvider time)
    {
        var spec = SpecParser.Parse(Encoding.UTF8.GetBytes(Spec), "rotation.yaml", Path.GetTempPath());
        var workflow = WorkflowLoader.Load(WorkflowLoader.DefaultPath);
        var oldCa = CaMaterial.From(CertificateAuthorityGenerator.Generate(new CertificateAuthorityOptions("ca1", 2048), time));
        return Rotation.Create(RotationId.Parse(id), spec, workflow, oldCa, null, new Dictionary<string, RolloutBaseline>(), time.GetUtcNow());
    }
}

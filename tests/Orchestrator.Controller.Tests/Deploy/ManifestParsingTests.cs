using System.Text.Json;
using k8s;
using Orchestrator.Controller.Resources;
using Orchestrator.Controller.Tests.Support;
using YamlDotNet.Core;

namespace Orchestrator.Controller.Tests.Deploy;

/// <summary>Every file of samples/deploy is a manifest of known kinds whose every field the kind has.</summary>
public sealed class ManifestParsingTests
{
    [Fact]
    public void Manifests_EveryFile_ParsesStrictlyIntoKnownKinds()
    {
        var kinds = new List<string>();
        foreach (var name in DeployFiles.Manifests)
        {
            var path = DeployFiles.PathOf(name);
            if (name == DeployFiles.CaRotationExample)
            {
                var rotation = DeployManifests.LoadCaRotation(path);
                Assert.Equal(CaRotationDefinition.ApiVersion, rotation.ApiVersion);
                kinds.Add(rotation.Kind);
                continue;
            }

            if (name == DeployFiles.ScheduleExample)
            {
                var schedule = DeployManifests.LoadSchedule(path);
                Assert.Equal(CaRotationDefinition.ApiVersion, schedule.ApiVersion);
                kinds.Add(schedule.Kind);
                continue;
            }

            var objects = DeployManifests.Load(path);
            Assert.NotEmpty(objects);
            kinds.AddRange(objects.Cast<IKubernetesObject>().Select(value => value.Kind));
        }

        Assert.Equal(
            ["CaRotation", "CaRotationSchedule", "CustomResourceDefinition", "CustomResourceDefinition", "Deployment", "Namespace", "Role", "Role", "RoleBinding", "RoleBinding", "RoleBinding", "Secret", "ServiceAccount"],
            kinds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_MisspeltField_IsRefused()
    {
        const string Misspelt = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: orchestrator
            spec:
              replicas: 2
              template:
                spec:
                  containers:
                    - name: controller
                      readinesProbe:
                        httpGet: { path: /readyz, port: 8080 }
            """;

        Assert.ThrowsAny<YamlException>(() => DeployManifests.Parse(Misspelt));
    }

    [Fact]
    public void LoadCaRotation_UnknownSpecField_IsRefused()
    {
        var example = File.ReadAllText(DeployFiles.PathOf(DeployFiles.CaRotationExample));
        var misspelt = example.Replace("  extraCaKey: ca2.crt", "  extraCaKeys: ca2.crt", StringComparison.Ordinal);
        Assert.NotEqual(example, misspelt);

        Assert.ThrowsAny<JsonException>(() => DeployManifests.ParseCaRotation(misspelt));
    }

    [Fact]
    public void Kustomization_Resources_AreTheInstallationWithoutTheExamples()
    {
        var resources = DeployManifests.KustomizationResources();

        Assert.Equal(
            [DeployFiles.ControllerNamespace, DeployFiles.CaRotationDefinition, DeployFiles.ScheduleDefinition, DeployFiles.ServiceAccount, DeployFiles.Rbac, DeployFiles.Deployment],
            resources);
        Assert.Equal(
            DeployFiles.Manifests.Except([DeployFiles.CaRotationExample, DeployFiles.ScheduleExample, DeployFiles.KubeconfigSecretExample]),
            resources.Order(StringComparer.Ordinal));
    }
}

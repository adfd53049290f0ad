using k8s.Models;
using Orchestrator.Controller.Tests.Support;

namespace Orchestrator.Controller.Tests.Deploy;

/// <summary>What the controller may do: exactly what it needs, in its namespace and the in-cluster region's, no more.</summary>
public sealed class RbacTests
{
    private static readonly IReadOnlyList<object> Objects = DeployManifests.All();

    private static V1ServiceAccount Controller => DeployManifests.Single<V1ServiceAccount>(DeployFiles.ServiceAccount);

    [Fact]
    public void ControllerRole_Rules_AreExactlyWhatTheControllerUses()
    {
        var role = Assert.Single(DeployManifests.Load(DeployFiles.PathOf(DeployFiles.Rbac)).OfType<V1Role>(), role => role.Metadata.Name == Controller.Metadata.Name);
        Assert.Equal(Controller.Metadata.NamespaceProperty, role.Metadata.NamespaceProperty);

        string[] expected =
        [
            "cassandra.orchestrator.io carotations * create",
            "cassandra.orchestrator.io carotations * delete",
            "cassandra.orchestrator.io carotations * get",
            "cassandra.orchestrator.io carotations * list",
            "cassandra.orchestrator.io carotations * patch",
            "cassandra.orchestrator.io carotations * update",
            "cassandra.orchestrator.io carotations * watch",
            "cassandra.orchestrator.io carotations/finalizers * update",
            "cassandra.orchestrator.io carotations/status * get",
            "cassandra.orchestrator.io carotations/status * patch",
            "cassandra.orchestrator.io carotations/status * update",
            "cassandra.orchestrator.io carotationschedules * get",
            "cassandra.orchestrator.io carotationschedules * list",
            "cassandra.orchestrator.io carotationschedules * watch",
            "cassandra.orchestrator.io carotationschedules/status * get",
            "cassandra.orchestrator.io carotationschedules/status * patch",
            "cassandra.orchestrator.io carotationschedules/status * update",
            "coordination.k8s.io leases * create",
            "coordination.k8s.io leases orchestrator-controller get",
            "coordination.k8s.io leases orchestrator-controller update",
            "core events * create",
            "core events * patch",
            "core secrets * create",
            "core secrets * get",
            "core secrets * list",
            "core secrets * patch",
            "core secrets * update",
            "core secrets * watch",
        ];
        Assert.Equal(expected, Grants(role));
    }

    [Fact]
    public void Bindings_ReferToRolesAndServiceAccountsThatExist()
    {
        var roles = Objects.OfType<V1Role>().Select(role => $"{role.Metadata.NamespaceProperty}/{role.Metadata.Name}").ToHashSet();
        var accounts = Objects.OfType<V1ServiceAccount>().Select(account => $"{account.Metadata.NamespaceProperty}/{account.Metadata.Name}").ToHashSet();
        var bindings = Objects.OfType<V1RoleBinding>().ToList();
        Assert.Equal(4, bindings.Count); // the controller's, the in-cluster region's and its Events', and samples/rbac.yaml's own

        foreach (var binding in bindings)
        {
            var where = $"RoleBinding {binding.Metadata.NamespaceProperty}/{binding.Metadata.Name}";
            Assert.True(binding.RoleRef.Kind == "Role" && binding.RoleRef.ApiGroup == "rbac.authorization.k8s.io", $"{where} binds a Role, not a ClusterRole");
            Assert.True(roles.Contains($"{binding.Metadata.NamespaceProperty}/{binding.RoleRef.Name}"), $"{where}: no Role {binding.RoleRef.Name} in its namespace");
            foreach (var subject in binding.Subjects)
            {
                Assert.Equal("ServiceAccount", subject.Kind);
                Assert.True(accounts.Contains($"{subject.NamespaceProperty}/{subject.Name}"), $"{where}: no ServiceAccount {subject.NamespaceProperty}/{subject.Name}");
            }
        }
    }

    [Fact]
    public void InClusterRegionBinding_GivesTheControllerTheRegionRole_InTheCassandraNamespace()
    {
        var example = DeployManifests.LoadCaRotation(DeployFiles.PathOf(DeployFiles.CaRotationExample));
        var regionRole = Assert.Single(DeployManifests.Load(DeployFiles.RegionRbacPath).OfType<V1Role>());
        var binding = Assert.Single(
            DeployManifests.Load(DeployFiles.PathOf(DeployFiles.Rbac)).OfType<V1RoleBinding>(),
            binding => binding.Metadata.NamespaceProperty != Controller.Metadata.NamespaceProperty && binding.RoleRef.Name == regionRole.Metadata.Name);

        Assert.Contains(example.Spec.Regions, region => region.KubeconfigSecretRef is null);
        Assert.Equal(example.Spec.Namespace, binding.Metadata.NamespaceProperty);
        Assert.Equal(regionRole.Metadata.NamespaceProperty, binding.Metadata.NamespaceProperty);
        Assert.Equal(regionRole.Metadata.Name, binding.RoleRef.Name);
        var subject = Assert.Single(binding.Subjects);
        Assert.Equal((Controller.Metadata.Name, Controller.Metadata.NamespaceProperty), (subject.Name, subject.NamespaceProperty));
    }

    [Fact]
    public void RegionEventsRole_GrantsEventsAlone_InTheCassandraNamespace_ToTheController()
    {
        var rbac = DeployManifests.Load(DeployFiles.PathOf(DeployFiles.Rbac));
        var regionRole = Assert.Single(DeployManifests.Load(DeployFiles.RegionRbacPath).OfType<V1Role>());
        var role = Assert.Single(rbac.OfType<V1Role>(), role => role.Metadata.Name == "orchestrator-region-events");
        var binding = Assert.Single(rbac.OfType<V1RoleBinding>(), binding => binding.RoleRef.Name == role.Metadata.Name);

        Assert.Equal(["core events * create", "core events * patch"], Grants(role));
        Assert.Equal(regionRole.Metadata.NamespaceProperty, role.Metadata.NamespaceProperty);
        Assert.Equal(role.Metadata.NamespaceProperty, binding.Metadata.NamespaceProperty);
        var subject = Assert.Single(binding.Subjects);
        Assert.Equal((Controller.Metadata.Name, Controller.Metadata.NamespaceProperty), (subject.Name, subject.NamespaceProperty));
    }

    [Fact]
    public void Manifests_GrantNothingClusterWide()
    {
        Assert.Empty(Objects.OfType<V1ClusterRole>());
        Assert.Empty(Objects.OfType<V1ClusterRoleBinding>());
    }

    /// <summary>Each rule as "group resource name verb", one line per combination, so that a comparison shows what differs.</summary>
    private static List<string> Grants(V1Role role) =>
    [
        .. role.Rules
            .SelectMany(rule =>
                from apiGroup in rule.ApiGroups
                from resource in rule.Resources
                from name in rule.ResourceNames ?? ["*"]
                from verb in rule.Verbs
                select $"{(apiGroup.Length == 0 ? "core" : apiGroup)} {resource} {name} {verb}")
            .Order(StringComparer.Ordinal),
    ];
}

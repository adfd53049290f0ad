using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Core.Leases;
using Orchestrator.Core.Specs;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Cli.Tests.Samples;

public sealed class RbacSampleTests
{
    private static RotationSpec Spec => SpecParser.ParseFile(SampleFiles.PathOf(SampleFiles.OneRegionSpec));

    [Fact]
    public void Load_RbacSample_BindsItsRoleToItsServiceAccountInTheSpecsNamespace()
    {
        var rbac = RbacManifest.Load(SampleFiles.PathOf(SampleFiles.Rbac));
        var spec = Spec;

        Assert.Equal(["ServiceAccount", "Role", "RoleBinding"], rbac.Kinds);
        var account = RbacManifest.Text(rbac.ServiceAccount, "metadata", "name");
        var role = RbacManifest.Text(rbac.Role, "metadata", "name");
        Assert.All(
            new[] { rbac.ServiceAccount, rbac.Role, rbac.RoleBinding },
            document => Assert.Equal(spec.Namespace, RbacManifest.Text(document, "metadata", "namespace")));
        Assert.Equal(("rbac.authorization.k8s.io", "Role", role), (
            RbacManifest.Text(rbac.RoleBinding, "roleRef", "apiGroup"),
            RbacManifest.Text(rbac.RoleBinding, "roleRef", "kind"),
            RbacManifest.Text(rbac.RoleBinding, "roleRef", "name")));
        var subject = (YamlMappingNode)Assert.Single(((YamlSequenceNode)rbac.RoleBinding.Children["subjects"]).Children);
        Assert.Equal(("ServiceAccount", account, spec.Namespace), (
            RbacManifest.Text(subject, "kind"), RbacManifest.Text(subject, "name"), RbacManifest.Text(subject, "namespace")));
    }

    [Fact]
    public void Load_RbacSample_NamesOnlyTheObjectsTheSpecImpliesAndNoWildcards()
    {
        var rules = RbacManifest.Load(SampleFiles.PathOf(SampleFiles.Rbac)).Rules;
        var spec = Spec;

        Assert.Equal(
            new[] { spec.CaSecret, $"{spec.Cluster}-cluster-tls-node", RotationLeases.LeaseName(spec) }.Order(StringComparer.Ordinal),
            rules.SelectMany(rule => rule.ResourceNames).Order(StringComparer.Ordinal));
        Assert.All(rules, rule => Assert.DoesNotContain("*", rule.Verbs.Concat(rule.Resources).Concat(rule.ApiGroups)));

        // Kubernetes never matches a create against resourceNames: such a rule would refuse the Lease's creation.
        Assert.All(rules.Where(rule => rule.Verbs.Contains("create")), rule => Assert.Empty(rule.ResourceNames));
    }

    [Fact]
    public async Task RotationAndVerify_OneRegionSampleWithItsKubeconfig_EveryRequestIsAllowedAndEveryRuleIsNeeded()
    {
        await using var samples = await SampleSimulation.StartAsync(regions: 1);
        var spec = samples.SpecPath(SampleFiles.OneRegionSpec);

        var plan = await OrchestratorProcess.RunAsync(["plan", "--spec", spec]);
        Assert.True(plan.ExitCode == 0, plan.ToString());
        var rotation = await OrchestratorProcess.RunAsync(["start-rotation", "--spec", spec, "--state", samples.StatePath]);
        Assert.True(rotation.ExitCode == 0, rotation.ToString());
        var status = await OrchestratorProcess.RunAsync(["status", "--state", samples.StatePath, "--output", "json"]);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Equal("Succeeded", JsonNode.Parse(status.Output)!["state"]!.GetValue<string>());
        var verify = await OrchestratorProcess.RunAsync(["verify", "--spec", spec, "--state", samples.StatePath]);
        Assert.True(verify.ExitCode == 0, verify.ToString());

        var rules = RbacManifest.Load(SampleFiles.PathOf(SampleFiles.Rbac)).Rules;
        var requests = samples.OrchestratorRequests();
        Assert.Contains(requests, request => request is { Verb: "update", Resource: "secrets" });
        Assert.Contains(requests, request => request is { Verb: "watch", Resource: "pods" });
        Assert.Empty(Refused(rules, requests, "cassandra"));

        var used = rules.SelectMany(rule => rule.Grants().Where(grant => requests.Any(request => rule.Allows(request) && Grant(request, rule) == grant)));
        var unused = rules.SelectMany(rule => rule.Grants()).Except(used).Order(StringComparer.Ordinal);
        Assert.Empty(unused);
    }

    [Fact]
    public async Task Plan_TwoRegionSampleWithItsKubeconfigFilledIn_ReadsBothRegionsWithinTheRole()
    {
        await using var samples = await SampleSimulation.StartAsync(regions: 2);

        var plan = await OrchestratorProcess.RunAsync(["plan", "--spec", samples.SpecPath(SampleFiles.TwoRegionSpec), "--output", "json"]);

        Assert.True(plan.ExitCode == 0, plan.ToString());
        var steps = JsonNode.Parse(plan.Output)!["steps"]!.AsArray();
        Assert.Equal(13, steps.Count);
        Assert.Equal(["eu-west", "us-east"], steps.Select(step => step!["region"]?.GetValue<string>()).OfType<string>().Distinct());
        var requests = samples.OrchestratorRequests();
        Assert.Equal(["region1", "region2"], requests.Where(request => request is { Verb: "get", Resource: "secrets" }).Select(request => request.Region).Distinct().Order(StringComparer.Ordinal));
        Assert.Empty(Refused(RbacManifest.Load(SampleFiles.PathOf(SampleFiles.Rbac)).Rules, requests, "cassandra"));
    }

    /// <summary>What a Role in <paramref name="ns"/> with these rules would refuse: requests outside it, non-resource URLs, or no rule matching.</summary>
    private static List<string> Refused(IReadOnlyList<RbacRule> rules, List<RecordedRequest> requests, string ns) =>
        requests.Where(request => request.Namespace != ns || !rules.Any(rule => rule.Allows(request)))
            .Select(request => request.ToString())
            .Distinct()
            .ToList();

    // The grant of the rule that allowed the request: by name when the rule names objects, else "*".
    private static string Grant(RecordedRequest request, RbacRule rule) =>
        RecordedRequest.Describe(request.Verb, request.ApiGroup, request.Resource!, rule.ResourceNames.Count == 0 ? "*" : request.Name);
}

using k8s.Models;
using Orchestrator.Controller.Tests.Support;

namespace Orchestrator.Controller.Tests.Deploy;

/// <summary>The controller's Deployment: what Pod Security restricted demands, its probes, its size and its spread.</summary>
public sealed class DeploymentTests
{
    private const decimal MiB = 1024 * 1024;

    // What the controller was measured to use: idle, and at the peak of 20 rotations at once.
    private const decimal IdleMemory = 120 * MiB;
    private const decimal PeakMemory = 400 * MiB;

    private static readonly V1Deployment Deployment = DeployManifests.Single<V1Deployment>(DeployFiles.Deployment);

    private static V1PodSpec Pod => Deployment.Spec.Template.Spec;

    private static V1Container Controller => Pod.Containers.Single();

    [Fact]
    public void Pod_SecurityContext_MeetsPodSecurityRestricted()
    {
        var pod = Pod.SecurityContext;
        var container = Controller.SecurityContext;

        Assert.True(pod.RunAsNonRoot);
        Assert.Equal(ContainerSettings.Read().User, pod.RunAsUser);
        Assert.NotEqual(0, pod.RunAsGroup);
        Assert.Equal("RuntimeDefault", pod.SeccompProfile.Type);
        Assert.False(container.AllowPrivilegeEscalation);
        Assert.True(container.ReadOnlyRootFilesystem);
        Assert.True(container.RunAsNonRoot);
        Assert.Equal(["ALL"], container.Capabilities.Drop);
        Assert.Null(container.Capabilities.Add);
        Assert.Null(container.Privileged);
        Assert.Equal("RuntimeDefault", container.SeccompProfile.Type);
        Assert.Null(Pod.HostNetwork);
        Assert.Null(Pod.HostPID);
        Assert.Null(Pod.HostIPC);
        Assert.All(Pod.Volumes, volume => Assert.NotNull(volume.EmptyDir));
    }

    [Fact]
    public void Pod_ReadOnlyRoot_LeavesOnlyTmpWritable()
    {
        var mount = Assert.Single(Controller.VolumeMounts);
        Assert.Equal("/tmp", mount.MountPath);
        var volume = Assert.Single(Pod.Volumes);
        Assert.Equal(mount.Name, volume.Name);
        Assert.NotNull(volume.EmptyDir.SizeLimit);
    }

    [Fact]
    public void Container_Probes_AskHealthzAndReadyzOnTheHealthPort()
    {
        var port = Assert.Single(Controller.Ports);
        Assert.Equal(ContainerSettings.Read().Port, port.ContainerPort);
        Assert.Equal(8080, port.ContainerPort); // serve's default --health-address, and the address the args give

        Assert.Equal("/healthz", Controller.LivenessProbe.HttpGet.Path);
        Assert.Equal("/readyz", Controller.ReadinessProbe.HttpGet.Path);
        foreach (var probe in new[] { Controller.LivenessProbe, Controller.ReadinessProbe })
        {
            Assert.Equal(port.Name, probe.HttpGet.Port.Value);
            Assert.True(probe.PeriodSeconds is > 0, "a probe's period is set");
            Assert.True(probe.TimeoutSeconds < probe.PeriodSeconds, "a probe times out before the next one starts");
        }
    }

    [Fact]
    public void Container_RunsServe_InItsOwnNamespace_FromTheProjectsImage()
    {
        Assert.Equal(["serve", "--health-address", $":{ContainerSettings.Read().Port}"], Controller.Args);
        Assert.Null(Controller.Command);
        Assert.Matches($"^ghcr\\.io/OWNER/{ContainerSettings.Read().Repository}:TAG$", Controller.Image);

        var podNamespace = Assert.Single(Controller.Env, variable => variable.Name == "POD_NAMESPACE");
        Assert.Equal("metadata.namespace", podNamespace.ValueFrom.FieldRef.FieldPath);

        var account = DeployManifests.Single<V1ServiceAccount>(DeployFiles.ServiceAccount);
        Assert.Equal(account.Metadata.Name, Pod.ServiceAccountName);
        Assert.Equal(account.Metadata.NamespaceProperty, Deployment.Metadata.NamespaceProperty);
        Assert.True(Pod.AutomountServiceAccountToken, "serve uses the pod's service account token");
    }

    [Fact]
    public void Deployment_TwoReplicas_PreferDifferentNodes()
    {
        Assert.Equal(2, Deployment.Spec.Replicas);
        var labels = Deployment.Spec.Template.Metadata.Labels;
        Assert.Equal(Deployment.Spec.Selector.MatchLabels, labels);

        var term = Assert.Single(Pod.Affinity.PodAntiAffinity.PreferredDuringSchedulingIgnoredDuringExecution);
        Assert.Equal("kubernetes.io/hostname", term.PodAffinityTerm.TopologyKey);
        Assert.Equal(labels, term.PodAffinityTerm.LabelSelector.MatchLabels);
        Assert.Equal(100, term.Weight);
    }

    [Fact]
    public void Container_Resources_RequestIdleMemory_LimitPeakWithHeadroom()
    {
        var requests = Controller.Resources.Requests;
        var limits = Controller.Resources.Limits;
        var requested = requests["memory"].ToDecimal();
        var limit = limits["memory"].ToDecimal();

        Assert.InRange(requested, IdleMemory, PeakMemory);
        // A quarter above the peak for the garbage collector's slack; more would reserve what is never used.
        Assert.InRange(limit, PeakMemory * 1.25m, PeakMemory * 2);
        Assert.True(requests["cpu"].ToDecimal() > 0, "a CPU request");
        Assert.True(limits["cpu"].ToDecimal() >= requests["cpu"].ToDecimal(), "the CPU limit is at least the request");
    }

    [Fact]
    public void Pod_TerminationGracePeriod_LeavesTimeToReleaseTheLease()
    {
        // serve saves its rotations and releases the Lease within a few seconds of SIGTERM.
        var grace = Pod.TerminationGracePeriodSeconds;
        Assert.NotNull(grace);
        Assert.InRange(grace.Value, 15, 60);
    }

    [Fact]
    public void Namespace_EnforcesPodSecurityRestricted_AndHoldsTheController()
    {
        var ns = DeployManifests.Single<V1Namespace>(DeployFiles.ControllerNamespace);
        foreach (var mode in new[] { "enforce", "audit", "warn" })
        {
            Assert.Equal("restricted", ns.Metadata.Labels[$"pod-security.kubernetes.io/{mode}"]);
        }

        Assert.Equal(ns.Metadata.Name, Deployment.Metadata.NamespaceProperty);
    }
}

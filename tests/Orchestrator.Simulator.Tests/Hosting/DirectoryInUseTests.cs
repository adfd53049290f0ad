using System.Text;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Simulator.Hosting;
using Orchestrator.Testing;

namespace Orchestrator.Simulator.Tests.Hosting;

/// <summary>A simulator refuses a directory another one is serving from, before it writes anything there.</summary>
public sealed class DirectoryInUseTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartAsync_DirectoryOfARunningSimulation_RefusedNamingItsPidAndChangingNothing()
    {
        using var directory = new TemporaryDirectory();
        var first = await StartAsync(directory.Path);
        try
        {
            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(first.KubeconfigPath));
            await client.CoreV1.CreateNamespacedSecretAsync(
                new V1Secret { Metadata = new V1ObjectMeta { Name = "before-the-second" }, StringData = new Dictionary<string, string> { ["k"] = "v" } },
                "anton",
                cancellationToken: Token);
            var before = DirectorySnapshot.Of(directory.Path, "simulator.lock");
            Assert.Contains("before-the-second", Audit(directory.Path), StringComparison.Ordinal);

            var refused = await Assert.ThrowsAsync<SimulatorDirectoryInUseException>(() => StartAsync(directory.Path));

            Assert.Equal(Environment.ProcessId, refused.HolderPid);
            Assert.Equal($"{directory.Path} is in use by another simulator (pid {Environment.ProcessId})", refused.Message);
            Assert.Equal(before, DirectorySnapshot.Of(directory.Path, "simulator.lock"));
            await client.CoreV1.ReadNamespacedSecretAsync("before-the-second", "anton", cancellationToken: Token);
        }
        finally
        {
            await first.DisposeAsync();
        }

        // Stopped, the first lets the directory go.
        await using var next = await StartAsync(directory.Path);
        Assert.DoesNotContain("before-the-second", Audit(directory.Path), StringComparison.Ordinal);
    }

    [Fact]
    public void Acquire_HeldWithThePidOfAProcessThatIsGone_RefusedWithoutNamingIt()
    {
        using var directory = new TemporaryDirectory();
        using var held = DirectoryLock.Acquire(directory.Path);

        // What a simulator killed before it could remove its pid leaves, until the next one writes its own.
        File.WriteAllText(directory.File("simulator.pid"), $"{int.MaxValue}\n");
        var refused = Assert.Throws<SimulatorDirectoryInUseException>(() => DirectoryLock.Acquire(directory.Path));

        Assert.Null(refused.HolderPid);
        Assert.Equal($"{directory.Path} is in use by another simulator", refused.Message);
    }

    private static Task<Simulation> StartAsync(string directory) => Simulation.StartAsync(
        new SimulatorOptions
        {
            Directory = directory,
            PodsPerDatacenter = 1,
            PodRestartTime = TimeSpan.FromMilliseconds(10),
            PodTerminationTime = TimeSpan.FromMilliseconds(10),
        },
        NullLoggerFactory.Instance,
        TimeProvider.System,
        Token);

    private static string Audit(string directory)
    {
        using var stream = new FileStream(Path.Combine(directory, "audit.jsonl"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

using Orchestrator.Testing;

namespace Orchestrator.Controller.Tests.Support;

/// <summary>Real kubectl pointed at a simulated region, with its caches kept out of the home directory.</summary>
internal sealed class Kubectl(string executable, string kubeconfig, string cacheDirectory)
{
    public static Kubectl For(SimulationFixture fixture) =>
        new(ExternalTool.RequirePath("kubectl"), fixture.Simulation.KubeconfigPath, Path.Combine(fixture.Directory, "kubectl-cache"));

    public async Task<string> SucceedAsync(params string[] arguments)
    {
        var result = await ExternalTool.RunAsync(
            executable,
            ["--kubeconfig", kubeconfig, "--context", "region1", "--cache-dir", cacheDirectory, .. arguments],
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', arguments)} failed: {result}");
        return result.StandardOutput;
    }
}

using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>A real rotation run to its end once, for tests that damage copies of the state file it left.</summary>
public sealed class FinishedRotation : IAsyncLifetime
{
    private SimulatedClusters? _clusters;

    internal SimulatedClusters Clusters => _clusters ?? throw new InvalidOperationException("not started");

    public string Spec { get; private set; } = string.Empty;

    public byte[] StateFile { get; private set; } = [];

    public byte[] KeyFile { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        _clusters = await SimulatedClusters.StartAsync(1, pods: 1);
        Spec = _clusters.WriteSpec();
        var outcome = await OrchestratorProcess.RunAsync(["start-rotation", "--spec", Spec, "--state", _clusters.StatePath]);
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        StateFile = await File.ReadAllBytesAsync(_clusters.StatePath);
        KeyFile = await File.ReadAllBytesAsync(_clusters.StatePath + ".key");
    }

    public async ValueTask DisposeAsync()
    {
        if (_clusters is not null)
        {
            await _clusters.DisposeAsync();
        }
    }
}

using Orchestrator.Store.Tests.Support;

namespace Orchestrator.Store.Tests;

[Collection(ProcessWideState.Name)]
public sealed class StoreOptionsTests
{
    [Fact]
    public void DefaultPath_StateVariableSet_IsThatFile()
    {
        using var environment = new EnvironmentScope(("ORCHESTRATOR_STATE", "/srv/orchestrator/state.db"), ("XDG_STATE_HOME", "/xdg"));

        Assert.Equal("/srv/orchestrator/state.db", StoreOptions.DefaultPath());
    }

    [Fact]
    public void DefaultPath_XdgStateHomeSet_IsUnderIt()
    {
        using var environment = new EnvironmentScope(("ORCHESTRATOR_STATE", null), ("XDG_STATE_HOME", "/xdg/state"));

        Assert.Equal("/xdg/state/orchestrator/state.db", StoreOptions.DefaultPath());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("relative/state")]
    public void DefaultPath_NoUsableVariable_IsUnderLocalState(string? stateHome)
    {
        using var environment = new EnvironmentScope(("ORCHESTRATOR_STATE", null), ("XDG_STATE_HOME", stateHome));

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.Equal(Path.Combine(home, ".local", "state", "orchestrator", "state.db"), StoreOptions.DefaultPath());
    }

    private sealed class EnvironmentScope : IDisposable
    {
        private readonly List<(string Name, string? Value)> _saved = [];

        public EnvironmentScope(params (string Name, string? Value)[] variables)
        {
            foreach (var (name, value) in variables)
            {
                _saved.Add((name, Environment.GetEnvironmentVariable(name)));
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach (var (name, value) in _saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}

using System.Security.Cryptography;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.BadInput;

/// <summary>
/// One set of simulated regions (2 regions, 1 pod each) per test class, and a state file made before any bad input is
/// tried (by <c>list</c>, which creates an empty store and its key), so that every refusal can be held to the contract's
/// "exit 2: nothing changed anywhere": no write in any region, the state file, its key and their directory as they were.
/// </summary>
public sealed class RefusalFixture : IAsyncLifetime
{
    /// <summary>A reason is a line a person reads, not a dump of the input.</summary>
    private const int MaximumLineLength = 1000;

    private static readonly string[] Leaks = ["   at ", "Exception", "Stack overflow", "PublicKeyToken=", "Unhandled"];

    /// <summary>How many orchestrator processes a batch runs at once, on a machine of two cores.</summary>
    private const int Concurrency = 4;

    private readonly SemaphoreSlim _gate = new(Concurrency);
    private readonly Dictionary<string, Lazy<IReadOnlyDictionary<string, Task<ProcessOutcome>>>> _batches = new(StringComparer.Ordinal);
    private StateFiles _before = null!;

    internal SimulatedClusters Clusters { get; private set; } = null!;

    public string StatePath => Path.Combine(Clusters.Directory, "state", "state.db");

    public async ValueTask InitializeAsync()
    {
        Clusters = await SimulatedClusters.StartAsync(2, pods: 1);
        // A state file as a writing command leaves it (commands that only read create none), for the refusals to leave alone.
        Store.LiteDbRotationStore.Open(new Store.StoreOptions(StatePath), TimeProvider.System).Dispose();
        _before = StateFiles.Read(StatePath);
        Assert.Contains(StatePath, _before.Hashes.Keys);
        Assert.Contains(StatePath + ".key", _before.Hashes.Keys);
    }

    public async ValueTask DisposeAsync()
    {
        _gate.Dispose();
        if (Clusters is not null)
        {
            await Clusters.DisposeAsync();
        }
    }

    /// <summary>
    /// Many invocations that touch nothing the others use (each its own spec file), started together the first time
    /// any of them is asked for and run a few at a time: an xunit theory runs its rows one after another, and these
    /// processes spend most of their time starting up. Returns each invocation's outcome by name.
    /// </summary>
    internal IReadOnlyDictionary<string, Task<ProcessOutcome>> Batch(string key, Func<IReadOnlyDictionary<string, string[]>> prepare)
    {
        Lazy<IReadOnlyDictionary<string, Task<ProcessOutcome>>> batch;
        lock (_batches)
        {
            if (!_batches.TryGetValue(key, out batch!))
            {
                batch = new(() => prepare().ToDictionary(run => run.Key, run => RunGatedAsync(run.Value), StringComparer.Ordinal));
                _batches[key] = batch;
            }
        }

        return batch.Value;
    }

    /// <summary>The directory for one invocation of a batch, made empty.</summary>
    public string CaseDirectory(string batch, int index)
    {
        var directory = Path.Combine(Clusters.Directory, "cases", batch, index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>Writes a spec file beside the simulator's kubeconfig, so that <c>./kubeconfig</c> in it reaches the regions.</summary>
    public string WriteSpec(string name, byte[] bytes)
    {
        var path = Path.Combine(Clusters.Directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Runs the orchestrator on bad input and holds the outcome to every rule of a refusal; returns the error line.</summary>
    public async Task<string> AssertRefusedAsync(IReadOnlyList<string> arguments, params string[] expected)
    {
        var outcome = await OrchestratorProcess.RunAsync(arguments);
        return AssertRefused(outcome, expected);
    }

    /// <summary>
    /// Exit 2; stdout empty; stderr exactly one line "error: ...", printable and of reasonable length, holding every
    /// expected fragment; no stack trace or exception type anywhere; no write in any region; the state files untouched.
    /// </summary>
    internal string AssertRefused(ProcessOutcome outcome, params string[] expected)
    {
        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.True(outcome.Output.Length == 0, outcome.ToString());
        var lines = outcome.Error.EndsWith('\n') ? outcome.Error[..^1].Split('\n') : outcome.Error.Split('\n');
        var line = Assert.Single(lines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.True(line.Length <= MaximumLineLength, $"{line.Length} characters: {line[..Math.Min(line.Length, 200)]}...");
        Assert.DoesNotContain(line, char.IsControl);
        foreach (var fragment in expected)
        {
            Assert.Contains(fragment, line, StringComparison.Ordinal);
        }

        AssertNoLeaks(outcome);
        AssertNothingChanged();
        return line;
    }

    private async Task<ProcessOutcome> RunGatedAsync(string[] arguments)
    {
        await _gate.WaitAsync();
        try
        {
            return await OrchestratorProcess.RunAsync(arguments);
        }
        finally
        {
            _gate.Release();
        }
    }

    internal static void AssertNoLeaks(ProcessOutcome outcome)
    {
        foreach (var leak in Leaks)
        {
            Assert.False(outcome.Output.Contains(leak, StringComparison.Ordinal) || outcome.Error.Contains(leak, StringComparison.Ordinal), $"'{leak}' in the output:\n{outcome}");
        }
    }

    /// <summary>No mutating request from the orchestrator in any region, and the state directory exactly as it was.</summary>
    public void AssertNothingChanged()
    {
        Assert.Empty(Clusters.OrchestratorWrites());
        Assert.Equal(_before.Hashes, StateFiles.Read(StatePath).Hashes);
    }

    /// <summary>Every file in the state file's directory (lock directory and LiteDB log included) with its SHA-256.</summary>
    private sealed record StateFiles(SortedDictionary<string, string> Hashes)
    {
        public static StateFiles Read(string statePath)
        {
            var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(statePath)!, "*", SearchOption.AllDirectories))
            {
                hashes[entry] = Directory.Exists(entry) ? "directory" : Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(entry)));
            }

            return new StateFiles(hashes);
        }
    }
}

using System.Security.Cryptography;
using LiteDB;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>
/// Every command that opens the state file refuses one it cannot use: exit 2, one line on stderr naming the file and
/// what to do, no stack trace, and the file (and everything beside it) byte for byte as it was.
/// </summary>
public sealed class StateFileTests(FinishedRotation finished) : IClassFixture<FinishedRotation>
{
    private const string KeyVariable = "ORCHESTRATOR_STATE_KEY";

    public static TheoryData<StateFileProblem, string> Cases()
    {
        var cases = new TheoryData<StateFileProblem, string>();
        foreach (var problem in Enum.GetValues<StateFileProblem>())
        {
            foreach (var command in new[] { "status", "list", "history", "verify", "resume", "start-rotation" })
            {
                cases.Add(problem, command);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Command_UnusableStateFile_Exits2WithOneLineAndLeavesItUntouched(StateFileProblem problem, string command)
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        var (expected, environment) = Prepare(problem, directory, path);
        var before = Contents(directory.Path);
        var writes = finished.Clusters.OrchestratorWrites().Count;
        string[] arguments = command switch
        {
            "start-rotation" or "verify" => [command, "--spec", finished.Spec, "--state", path],
            "history" => [command, "rot-1", "--state", path],
            _ => [command, "--state", path],
        };

        var outcome = await OrchestratorProcess.RunAsync(arguments, environment);

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        var line = Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains($"state file {path}", line, StringComparison.Ordinal);
        foreach (var phrase in expected)
        {
            Assert.Contains(phrase, line, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("   at ", outcome.Error, StringComparison.Ordinal);
        Assert.Empty(outcome.Output);
        Assert.Equal(before, Contents(directory.Path));
        Assert.Equal(writes, finished.Clusters.OrchestratorWrites().Count);
    }

    /// <summary>Puts the damaged file in place; returns what the refusal must say, and the environment to run with.</summary>
    private (string[] Expected, Dictionary<string, string?> Environment) Prepare(StateFileProblem problem, TemporaryDirectory directory, string path)
    {
        var environment = new Dictionary<string, string?>();
        switch (problem)
        {
            case StateFileProblem.GarbageBytes:
                var bytes = new byte[20_000];
                new Random(20261130).NextBytes(bytes);
                directory.Write("state.db", bytes);
                return (["is not an orchestrator state file", "move it aside or choose another path"], environment);
            case StateFileProblem.Truncated:
                // Cut inside the file, at a page boundary and beyond the header page, as a copy interrupted would.
                var length = Math.Max(8192, finished.StateFile.Length / 2 / 8192 * 8192);
                Assert.True(length < finished.StateFile.Length, $"the state file has only {finished.StateFile.Length} bytes");
                directory.Write("state.db", finished.StateFile[..length]);
                directory.Write("state.db.key", finished.KeyFile);
                return ([$"is truncated ({length} bytes where its header needs {finished.StateFile.Length})", "restore it from a backup or move it aside"], environment);
            case StateFileProblem.TextFile:
                directory.Write("state.db", File.ReadAllText(finished.Spec));
                return (["is not an orchestrator state file", "move it aside or choose another path"], environment);
            case StateFileProblem.NewerSchema:
                directory.Write("state.db", finished.StateFile);
                directory.Write("state.db.key", finished.KeyFile);
                using (var database = new LiteDatabase($"Filename={path};Connection=shared"))
                {
                    var meta = database.GetCollection("meta").FindById("store");
                    meta["schemaVersion"] = 1_000;
                    database.GetCollection("meta").Update(meta);
                }

                return (["was written by a newer orchestrator (schema 1000)", "upgrade"], environment);
            case StateFileProblem.Empty:
                directory.Write("state.db", []);
                return (["is empty (0 bytes)", "it is left untouched", "restore it from a backup or move it aside"], environment);
            default:
                directory.Write("state.db", finished.StateFile);
                directory.Write("state.db.key", finished.KeyFile);
                environment[KeyVariable] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
                return (["the state key does not match", "use the key it was written with"], environment);
        }
    }

    /// <summary>Every file in the directory, with the SHA-256 of its bytes.</summary>
    private static string Contents(string directory) =>
        string.Join('\n', Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(entry => File.Exists(entry)
                ? $"{Path.GetFileName(entry)} {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(entry)))}"
                : $"{Path.GetFileName(entry)}/"));
}

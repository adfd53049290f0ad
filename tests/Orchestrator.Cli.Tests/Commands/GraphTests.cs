using Orchestrator.Cli.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Commands;

/// <summary><c>graph</c>: the lifecycle from the state machine, a spec's plan from the workflow, and the README's copy.</summary>
public sealed class GraphTests
{
    private const string Begin = "<!-- lifecycle:begin -->\n```mermaid\n";
    private const string End = "```\n<!-- lifecycle:end -->";

    [Fact]
    public async Task Graph_Mermaid_MatchesTheLifecycleInTheReadme()
    {
        var readme = (await File.ReadAllTextAsync(ReadmePath(), TestContext.Current.CancellationToken)).ReplaceLineEndings("\n");
        var start = readme.IndexOf(Begin, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"README.md has no lifecycle block: a ```mermaid block between '<!-- lifecycle:begin -->' and '<!-- lifecycle:end -->' in its Lifecycle section");

        var graph = await GraphAsync("--format", "mermaid");

        Assert.True(
            readme[(start + Begin.Length)..end] == graph.Output + "\n",
            "README.md's lifecycle graph is stale: replace the ```mermaid block between <!-- lifecycle:begin --> and <!-- lifecycle:end --> "
            + $"with the output of `dotnet run --project src/Orchestrator.Cli -- graph --format mermaid`, which is now:\n{graph.Output}");
    }

    [Fact]
    public async Task Graph_Default_DotOfEveryStateAndTransitionTheSameEachTime()
    {
        var first = await GraphAsync();
        var second = await GraphAsync("--format", "dot");

        Assert.StartsWith("digraph {\n", first.Output, StringComparison.Ordinal);
        Assert.EndsWith("\n}", first.Output, StringComparison.Ordinal);
        Assert.Equal(first.Output, second.Output);
        foreach (var (from, to, trigger) in new[] { ("Pending", "Running", "Start"), ("Running", "Failed", "Fail"), ("Failed", "Running", "Resume"), ("Running", "RollingBack", "Abort"), ("RollingBack", "RolledBack", "RollbackComplete"), ("Running", "Succeeded", "Complete") })
        {
            Assert.Contains($"\"{from}\" -> \"{to}\" [style=\"solid\", label=\"{trigger}\"];", first.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Graph_Spec_PlanOfItsRegionsWithoutReachingThem()
    {
        // The kubeconfig does not exist: the plan comes from the spec and the workflow alone.
        using var directory = new TemporaryDirectory();
        var spec = directory.Write("rotation.yaml", SimulatedClusters.SpecText(["east", "west"]));

        var mermaid = await GraphAsync("--spec", spec, "--format", "mermaid");
        var dot = await GraphAsync("--spec", spec);

        var nodes = mermaid.Output.Split('\n').Where(line => line.TrimStart().StartsWith("step", StringComparison.Ordinal) && line.Contains("[\"", StringComparison.Ordinal)).Select(line => line.Trim()).ToList();
        Assert.Equal(13, nodes.Count);
        Assert.Equal("step1[\"1 generate-ca\"]", nodes[0]);
        Assert.Equal("step2[\"2 add-new-ca east\"]", nodes[1]);
        Assert.Equal("step13[\"13 wait-rollout west\"]", nodes[12]);
        Assert.StartsWith("flowchart TD\n", mermaid.Output, StringComparison.Ordinal);
        Assert.EndsWith("\n    step12 --> step13", mermaid.Output, StringComparison.Ordinal);
        Assert.StartsWith("digraph \"ca-rotation\" {\n", dot.Output, StringComparison.Ordinal);
        Assert.Contains("step9 [label=\"9 wait-rollout\\nwest\"];", dot.Output, StringComparison.Ordinal);
        Assert.Equal(12, dot.Output.Split('\n').Count(line => line.Contains(" -> ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Graph_BadSpec_Exit2NamingTheField()
    {
        using var directory = new TemporaryDirectory();
        var spec = directory.Write("rotation.yaml", SimulatedClusters.SpecText(["east"], alias: "ca 2"));

        var outcome = await OrchestratorProcess.RunAsync(["graph", "--spec", spec]);

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Contains("newCa.alias", outcome.Error, StringComparison.Ordinal);
        Assert.Empty(outcome.Output);
    }

    private static async Task<ProcessOutcome> GraphAsync(params string[] arguments)
    {
        var outcome = await OrchestratorProcess.RunAsync(["graph", .. arguments]);
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Empty(outcome.Error);
        return outcome;
    }

    private static string ReadmePath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Orchestrator.sln")))
            {
                return Path.Combine(directory.FullName, "README.md");
            }
        }

        throw new InvalidOperationException($"no Orchestrator.sln above {AppContext.BaseDirectory}");
    }
}

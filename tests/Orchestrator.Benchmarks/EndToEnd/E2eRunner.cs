using System.Globalization;
using System.Text;

namespace Orchestrator.Benchmarks.EndToEnd;

/// <summary>
/// <c>e2e [--scenario latency|requests|rotation|scale|cli|controller]... [--rotations N] [--orchestrator PATH] [--work DIR]</c>:
/// runs the chosen scenarios (all by default) against the simulator started in this process and the orchestrator
/// as a child process, then prints each target with what was measured, as a Markdown table.
/// </summary>
internal static class E2eRunner
{
    private static readonly Dictionary<string, Func<E2eContext, CancellationToken, Task<IReadOnlyList<TargetResult>>>> Scenarios = new(StringComparer.Ordinal)
    {
        ["latency"] = LatencyScenario.RunAsync,
        ["requests"] = RequestScenario.RunAsync,
        ["rotation"] = RotationScenario.RunAsync,
        ["scale"] = ScaleScenario.RunAsync,
        ["cli"] = CliScenario.RunAsync,
        ["controller"] = ControllerScenario.RunAsync,
    };

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var chosen = new List<string>();
        var rotations = 3;
        var orchestrator = Path.Combine(AppContext.BaseDirectory, "orchestrator.dll");
        string? work = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--scenario" when value is not null:
                    chosen.AddRange(value.Split(',', StringSplitOptions.RemoveEmptyEntries));
                    i++;
                    break;
                case "--rotations" when int.TryParse(value, CultureInfo.InvariantCulture, out var count) && count > 0:
                    rotations = count;
                    i++;
                    break;
                case "--orchestrator" when value is not null:
                    orchestrator = Path.GetFullPath(value);
                    i++;
                    break;
                case "--work" when value is not null:
                    work = Path.GetFullPath(value);
                    i++;
                    break;
                default:
                    await Console.Error.WriteLineAsync(
                        $"e2e: unknown or incomplete argument '{args[i]}'; use --scenario {string.Join('|', Scenarios.Keys)} (repeatable), --rotations N, --orchestrator PATH, --work DIR");
                    return 2;
            }
        }

        if (chosen.FirstOrDefault(name => !Scenarios.ContainsKey(name)) is { } unknown)
        {
            await Console.Error.WriteLineAsync($"e2e: no scenario '{unknown}'; choose from {string.Join(", ", Scenarios.Keys)}");
            return 2;
        }

        if (!File.Exists(orchestrator))
        {
            await Console.Error.WriteLineAsync($"e2e: {orchestrator} not found; build the solution or pass --orchestrator DIR/orchestrator (a publish) or PATH/orchestrator.dll");
            return 2;
        }

        var keep = work is not null;
        work ??= Directory.CreateTempSubdirectory("orchestrator-e2e-").FullName;
        var context = new E2eContext(new OrchestratorCli(orchestrator), work, Console.Out, rotations);
        var results = new List<TargetResult>();
        var began = TimeProvider.System.GetTimestamp();
        try
        {
            foreach (var name in chosen.Count == 0 ? Scenarios.Keys.ToList() : chosen.Distinct(StringComparer.Ordinal).ToList())
            {
                var started = TimeProvider.System.GetTimestamp();
                Console.WriteLine($"{name}:");
                results.AddRange(await Scenarios[name](context, cancellationToken));
                context.Say($"({Milliseconds.Format(TimeProvider.System.GetElapsedTime(started))})");
            }
        }
        finally
        {
            if (!keep)
            {
                Directory.Delete(work, recursive: true);
            }
        }

        Console.WriteLine();
        Console.WriteLine(Table(results));
        Console.WriteLine($"orchestrator: {orchestrator}; whole run {Milliseconds.Format(TimeProvider.System.GetElapsedTime(began))}");
        return 0;
    }

    private static string Table(IEnumerable<TargetResult> results)
    {
        var text = new StringBuilder()
            .AppendLine("| measure | target | measured | met | note |")
            .AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var result in results)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {result.Measure} | {result.Target} | {result.Measured} | {(result.Met ? "met" : "missed")} | {result.Note} |").AppendLine();
        }

        return text.ToString();
    }
}

using Orchestrator.Core.Rotations;
using Orchestrator.Store;

namespace Orchestrator.Benchmarks.EndToEnd;

/// <summary>
/// <c>status</c> and <c>list</c> as whole processes on a state file of 1,000 rotations: one real rotation run by the
/// orchestrator, and 999 copies of it (with their journals) under other ids, older.
/// </summary>
internal static class CliScenario
{
    private const int Rotations = 1000;
    private const int Runs = 9;

    public static async Task<IReadOnlyList<TargetResult>> RunAsync(E2eContext context, CancellationToken cancellationToken)
    {
        await using var clusters = await SimulatedClusters.StartAsync(
            context.Directory("cli"), regions: 2, datacenters: 1, pods: 3, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(20), cancellationToken);
        await context.Cli.RunOkAsync(["start-rotation", "--spec", clusters.WriteSpec("ca2", keySize: 2048)], clusters.StatePath, measure: false, TimeSpan.FromMinutes(5), cancellationToken);
        await FillAsync(clusters.StatePath, cancellationToken);

        var status = await TimeAsync(context, ["status"], clusters.StatePath, cancellationToken);
        var list = await TimeAsync(context, ["list"], clusters.StatePath, cancellationToken);
        context.Say($"status: {string.Join(' ', status.Select(Milliseconds.Format))}");
        context.Say($"list:   {string.Join(' ', list.Select(Milliseconds.Format))}");
        var statusMedian = Stats.Median(status);
        var listMedian = Stats.Median(list);
        return
        [
            new("`status`, whole process, 1,000 rotations", "≤ 400 ms", Milliseconds.Format(statusMedian), statusMedian <= 400, $"median of {Runs} after one warm-up"),
            new("`list`, whole process, 1,000 rotations", "≤ 400 ms", Milliseconds.Format(listMedian), listMedian <= 400, $"median of {Runs} after one warm-up"),
        ];
    }

    private static async Task<List<double>> TimeAsync(E2eContext context, string[] command, string state, CancellationToken cancellationToken)
    {
        var times = new List<double>();
        for (var run = 0; run <= Runs; run++)
        {
            var result = await context.Cli.RunOkAsync(command, state, measure: false, TimeSpan.FromMinutes(1), cancellationToken);
            if (run > 0)
            {
                times.Add(result.Wall.TotalMilliseconds);
            }
        }

        return times;
    }

    private static async Task FillAsync(string statePath, CancellationToken cancellationToken)
    {
        using var store = LiteDbRotationStore.Open(new StoreOptions(statePath), TimeProvider.System);
        var real = (await store.ListAsync(cancellationToken)).Single();
        var rotation = (await store.FindAsync(real.Id, cancellationToken))!;
        var journal = await store.ReadJournalAsync(real.Id, cancellationToken);
        for (var copy = 1; copy < Rotations; copy++)
        {
            var id = RotationId.Parse($"rot-copy-{copy:D4}");
            var age = TimeSpan.FromHours(copy);
            var clone = new Rotation
            {
                Id = id,
                State = rotation.State,
                Spec = rotation.Spec,
                Workflow = rotation.Workflow,
                Steps = rotation.Steps,
                CreatedAt = rotation.CreatedAt - age,
                UpdatedAt = rotation.UpdatedAt - age,
                OldCa = rotation.OldCa,
                NewCa = rotation.NewCa,
                StartBaselines = rotation.StartBaselines,
                Reason = rotation.Reason,
            };
            await store.CreateAsync(clone, journal.Select(entry => entry with { RotationId = id, Time = entry.Time - age }).ToList(), cancellationToken);
        }
    }
}

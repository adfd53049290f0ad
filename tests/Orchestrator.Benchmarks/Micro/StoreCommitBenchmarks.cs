using BenchmarkDotNet.Attributes;
using Orchestrator.Core.Rotations;
using Orchestrator.Store;

namespace Orchestrator.Benchmarks.Micro;

/// <summary>
/// One durable commit of a step transition, as the runner makes at every step's start and end: the rotation's
/// document replaced and a journal entry appended, in one transaction, in a real LiteDB state file.
/// </summary>
[Config(typeof(QuickInProcessConfig))]
public class StoreCommitBenchmarks
{
    private readonly TimeProvider _time = TimeProvider.System;
    private string _directory = null!;
    private LiteDbRotationStore _store = null!;
    private Rotation _rotation = null!;
    private int _commits;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("orchestrator-bench-").FullName;
        _store = LiteDbRotationStore.Open(new StoreOptions(Path.Combine(_directory, "state.db")), _time);
        _rotation = SampleRotation.Create("rot-benchmark", _time);
        _store.CreateAsync(_rotation, [], CancellationToken.None).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public Task CommitStepTransition()
    {
        var step = _rotation.Steps[1 + (_commits++ % (_rotation.Steps.Count - 1))];
        var before = step.Status;
        step.Status = before == StepStatus.Running ? StepStatus.Succeeded : StepStatus.Running;
        step.Attempts++;
        step.StartedAt = _time.GetUtcNow();
        var entry = new JournalEntry
        {
            RotationId = _rotation.Id,
            Time = _time.GetUtcNow(),
            Kind = before == StepStatus.Running ? JournalEntryKind.StepFinished : JournalEntryKind.StepStarted,
            From = before.ToString(),
            To = step.Status.ToString(),
            Step = step.Number,
            StepName = step.Name,
            Region = step.Region,
            Attempt = step.Attempts,
        };
        return _store.SaveAsync(_rotation, [entry], CancellationToken.None);
    }
}

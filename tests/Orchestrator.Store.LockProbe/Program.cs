using Orchestrator.Core.Persistence;
using Orchestrator.Core.Rotations;
using Orchestrator.Store;

// Usage (the state key comes from ORCHESTRATOR_STATE_KEY):
//   hold  <state file> <rotation id> <owner>  prints "acquired" and keeps the lock until stdin closes, or "held-by <who>" (exit 3)
//   write <state file> <rotation id> <count>  takes the lock, then saves the rotation <count> times with a journal entry
//                                             each, printing "saved <n>" after each save
// Exit codes: 0 done, 3 lock held elsewhere, 4 store error (message on stderr), 2 usage.
if (args.Length != 4 || args[0] is not ("hold" or "write"))
{
    await Console.Error.WriteLineAsync("usage: hold <state> <id> <owner> | write <state> <id> <count>");
    return 2;
}

var time = TimeProvider.System;
try
{
    using var store = LiteDbRotationStore.Open(
        new StoreOptions(args[1]) { KeyOverride = Environment.GetEnvironmentVariable(StoreOptions.KeyVariable) },
        time);
    await using var runLock = await store.TryLockAsync(args[2], $"probe {args[0]}", CancellationToken.None);
    if (!runLock.Acquired)
    {
        Console.WriteLine($"held-by {runLock.Holder}");
        return 3;
    }

    Console.WriteLine($"acquired by pid {Environment.ProcessId}");
    if (args[0] == "hold")
    {
        await Console.In.ReadToEndAsync();
        return 0;
    }

    var count = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
    for (var i = 1; i <= count; i++)
    {
        var rotation = await store.FindAsync(args[2], CancellationToken.None)
            ?? throw new StoreException($"rotation {args[2]} is not in the state file");
        var step = rotation.Steps[i % rotation.Steps.Count];
        step.Attempts++;
        step.Detail = $"attempt {i}";
        rotation.UpdatedAt = time.GetUtcNow();
        var entry = new JournalEntry
        {
            RotationId = rotation.Id,
            Time = time.GetUtcNow(),
            Kind = JournalEntryKind.StepStarted,
            Step = step.Number,
            Attempt = step.Attempts,
            Reason = $"save {i}",
        };
        await store.SaveAsync(rotation, [entry], CancellationToken.None);
        Console.WriteLine($"saved {i}");
    }

    return 0;
}
catch (StoreException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 4;
}

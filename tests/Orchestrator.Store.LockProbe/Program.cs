using Orchestrator.Core.Persistence;
using Orchestrator.Core.Rotations;
using Orchestrator.Store;

// Usage (the state key comes from ORCHESTRATOR_STATE_KEY, else the key file):
//   hold   <state file> <rotation id> <owner>  prints "acquired" and keeps the lock until stdin closes, or "held-by <who>" (exit 3)
//   write  <state file> <rotation id> <count>  takes the lock, then saves the rotation <count> times with a journal entry
//                                              each, printing "saved <n>" after each save
//   read   <state file> <rotation id> -        opens the file only to read, prints "rotations <ids>", "journal <count>"
//                                              and "runner <who or none>"
//   create <state file> <rotation id> <reason> prints "ready", waits for a line on stdin, then opens (so creates) the file
//                                              and asks to abort the rotation with the reason; prints "done"
// Exit codes: 0 done, 3 lock held elsewhere, 4 store error (message on stderr), 2 usage.
if (args.Length != 4 || args[0] is not ("hold" or "write" or "read" or "create"))
{
    await Console.Error.WriteLineAsync("usage: hold <state> <id> <owner> | write <state> <id> <count> | read <state> <id> - | create <state> <id> <reason>");
    return 2;
}

var id = RotationId.Parse(args[2]);
var time = TimeProvider.System;
var options = new StoreOptions(args[1]) { KeyOverride = Environment.GetEnvironmentVariable(StoreOptions.KeyVariable) };
try
{
    if (args[0] == "read")
    {
        using var reader = LiteDbRotationStore.OpenReadOnly(options, time);
        var rotations = await reader.ListAsync(CancellationToken.None);
        Console.WriteLine($"rotations {string.Join(',', rotations.Select(rotation => rotation.Id))}");
        Console.WriteLine($"journal {(await reader.ReadJournalAsync(id, CancellationToken.None)).Count}");
        Console.WriteLine($"runner {await reader.FindRunnerAsync(id, CancellationToken.None) ?? "none"}");
        return 0;
    }

    if (args[0] == "create")
    {
        Console.WriteLine("ready");
        await Console.In.ReadLineAsync();
        using var creator = LiteDbRotationStore.Open(options, time);
        await creator.RequestAbortAsync(id, args[3], CancellationToken.None);
        Console.WriteLine("done");
        return 0;
    }

    using var store = LiteDbRotationStore.Open(options, time);
    await using var runLock = await store.TryLockAsync(id, $"probe {args[0]}", CancellationToken.None);
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
        var rotation = await store.FindAsync(id, CancellationToken.None)
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

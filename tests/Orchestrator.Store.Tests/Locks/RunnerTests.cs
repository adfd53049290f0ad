using System.Diagnostics;
using System.Text;
using Orchestrator.Core.Rotations;
using Orchestrator.Store.Locks;
using Orchestrator.Store.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Store.Tests.Locks;

/// <summary>Who runs a rotation, asked without creating anything, and without ever making a runner's lock fail.</summary>
public sealed class RunnerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task FindRunnerAsync_NeverLocked_IsNullAndCreatesNothing()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        TestStores.Open(path).Dispose();
        var before = DirectorySnapshot.Of(directory.Path);
        using var reader = OpenReadOnly(path, TestStores.Time());

        Assert.Null(await reader.FindRunnerAsync(RotationId.Parse("rot-1"), TestContext.Current.CancellationToken));

        Assert.Equal(before, DirectorySnapshot.Of(directory.Path));
    }

    [Fact]
    public async Task FindRunnerAsync_HeldByAnotherProcess_NamesItUntilItIsKilled()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        TestStores.Open(path).Dispose();
        using var reader = OpenReadOnly(path, TestStores.Time());
        using var holder = ProbeProcess.Start("hold", path, "rot-1", "operator");
        Assert.Equal($"acquired by pid {holder.Id}", await holder.ReadLineAsync());

        var runner = await reader.FindRunnerAsync(RotationId.Parse("rot-1"), TestContext.Current.CancellationToken);

        Assert.StartsWith($"pid {holder.Id} on host {Environment.MachineName} since ", runner, StringComparison.Ordinal);
        Assert.EndsWith("(probe hold)", runner, StringComparison.Ordinal);
        await holder.KillAsync();
        Assert.Null(await reader.FindRunnerAsync(RotationId.Parse("rot-1"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task FindRunnerAsync_LockFileNamesAProcessOfThisHostThatIsGone_IsNull()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        using var store = TestStores.Open(path);
        await (await store.TryLockAsync(RotationId.Parse("rot-1"), "make the file", TestContext.Current.CancellationToken)).DisposeAsync();
        var gone = await GoneProcessIdAsync();

        // Held, here, by whoever took it an instant ago and has not yet said who it is; the file still names the dead.
        using var held = HoldExclusively(LockFile(path), $"pid {gone} on host {Environment.MachineName} since 2026-11-30T08:15:00Z (killed run)");

        Assert.Null(await store.FindRunnerAsync(RotationId.Parse("rot-1"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task FindRunnerAsync_HeldByOneThatHasNotYetWrittenWhoItIs_WaitsForItsName()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        var time = TestStores.Time();
        using var store = TestStores.Open(path, time: time);
        await (await store.TryLockAsync(RotationId.Parse("rot-1"), "make the file", TestContext.Current.CancellationToken)).DisposeAsync();
        using var held = HoldExclusively(LockFile(path), string.Empty);

        var runner = store.FindRunnerAsync(RotationId.Parse("rot-1"), TestContext.Current.CancellationToken);
        Assert.False(runner.IsCompleted, $"answered at once: {(runner.IsCompleted ? await runner : null)}");
        held.Write(Encoding.UTF8.GetBytes("pid 1 on host elsewhere since 2026-11-30T08:15:00Z (starting run)\n"));
        held.Flush();
        time.Advance(RunLockFile.RetryInterval);

        Assert.Equal("pid 1 on host elsewhere since 2026-11-30T08:15:00Z (starting run)", await runner.WaitAsync(Patience, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TryLockAsync_WhileAProbeHoldsTheLockShared_WaitsItOutAndTakesIt(bool namesAGoneProcess)
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        var time = TestStores.Time();
        using var store = TestStores.Open(path, time: time);
        await (await store.TryLockAsync(RotationId.Parse("rot-1"), "make the file", TestContext.Current.CancellationToken)).DisposeAsync();
        if (namesAGoneProcess)
        {
            // What a run killed by SIGKILL leaves.
            await File.WriteAllTextAsync(LockFile(path), $"pid {await GoneProcessIdAsync()} on host {Environment.MachineName} since 2026-11-30T08:15:00Z (killed run)\n", TestContext.Current.CancellationToken);
        }

        // A probe caught in its instant: the lock held shared, as an opening for reading holds it.
        var probe = new FileStream(LockFile(path), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var taking = store.TryLockAsync(RotationId.Parse("rot-1"), "resume", TestContext.Current.CancellationToken);
        Assert.False(taking.IsCompleted, "the run's lock was refused while a probe held it for an instant");
        await probe.DisposeAsync();
        time.Advance(RunLockFile.RetryInterval);

        await using var runLock = await taking.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.True(runLock.Acquired, runLock.Holder);
    }

    [Fact]
    public async Task TryLockAsync_HeldByOneThatNeverSaysWhoItIs_GivesUpAfterItsPatience()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        var time = TestStores.Time();
        using var store = TestStores.Open(path, time: time);
        await (await store.TryLockAsync(RotationId.Parse("rot-1"), "make the file", TestContext.Current.CancellationToken)).DisposeAsync();
        using var held = HoldExclusively(LockFile(path), string.Empty);

        var taking = store.TryLockAsync(RotationId.Parse("rot-1"), "resume", TestContext.Current.CancellationToken);
        Assert.False(taking.IsCompleted);
        for (var waited = TimeSpan.Zero; waited < RunLockFile.Patience; waited += RunLockFile.RetryInterval)
        {
            time.Advance(RunLockFile.RetryInterval);
        }

        await using var runLock = await taking.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.False(runLock.Acquired);
        Assert.Equal("another process (it has not yet written who it is)", runLock.Holder);
    }

    private static LiteDbRotationStore OpenReadOnly(string path, TimeProvider time) =>
        LiteDbRotationStore.OpenReadOnly(new StoreOptions(path) { KeyOverride = TestStores.Key }, time);

    private static string LockFile(string path) => Path.Combine(path + ".locks", "rot-1.lock");

    /// <summary>The lock file held as a runner holds it, with this text.</summary>
    private static FileStream HoldExclusively(string lockFile, string text)
    {
        var stream = new FileStream(lockFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        stream.SetLength(0);
        stream.Write(Encoding.UTF8.GetBytes(text));
        stream.Flush();
        return stream;
    }

    /// <summary>The id of a process of this host that has ended.</summary>
    private static async Task<int> GoneProcessIdAsync()
    {
        using var process = Process.Start("true") ?? throw new InvalidOperationException("could not start true");
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return process.Id;
    }
}

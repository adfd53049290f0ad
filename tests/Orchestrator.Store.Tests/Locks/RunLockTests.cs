using Orchestrator.Core.Rotations;
using Orchestrator.Store.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Store.Tests.Locks;

public sealed class RunLockTests
{
    [Fact]
    public async Task TryLockAsync_AlreadyHeldInThisProcess_NamesTheHolder()
    {
        using var directory = new TemporaryDirectory();
        using var store = TestStores.Open(directory.File("state.db"));
        await using var first = await store.TryLockAsync(RotationId.Parse("rot-1"), "resume by alice", TestContext.Current.CancellationToken);

        await using var second = await store.TryLockAsync(RotationId.Parse("rot-1"), "resume by bob", TestContext.Current.CancellationToken);

        Assert.True(first.Acquired);
        Assert.False(second.Acquired);
        Assert.Equal($"pid {Environment.ProcessId} on host {Environment.MachineName} since 2026-11-30T08:15:00Z (resume by alice)", second.Holder);
    }

    [Fact]
    public async Task TryLockAsync_AfterRelease_Acquires()
    {
        using var directory = new TemporaryDirectory();
        using var store = TestStores.Open(directory.File("state.db"));
        var first = await store.TryLockAsync(RotationId.Parse("rot-1"), "first", TestContext.Current.CancellationToken);
        await first.DisposeAsync();

        await using var second = await store.TryLockAsync(RotationId.Parse("rot-1"), "second", TestContext.Current.CancellationToken);

        Assert.True(second.Acquired);
    }

    [Fact]
    public async Task TryLockAsync_OtherRotation_IsIndependent()
    {
        using var directory = new TemporaryDirectory();
        using var store = TestStores.Open(directory.File("state.db"));
        await using var first = await store.TryLockAsync(RotationId.Parse("rot-1"), "first", TestContext.Current.CancellationToken);

        await using var other = await store.TryLockAsync(RotationId.Parse("rot-2"), "second", TestContext.Current.CancellationToken);

        Assert.True(other.Acquired);
    }

    [Fact]
    public async Task TryLockAsync_HeldByAnotherProcess_IsRefusedUntilThatProcessIsKilled()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        using var store = TestStores.Open(path);
        using var holder = ProbeProcess.Start("hold", path, "rot-1", "operator");
        Assert.Equal($"acquired by pid {holder.Id}", await holder.ReadLineAsync());

        await using (var refused = await store.TryLockAsync(RotationId.Parse("rot-1"), "test", TestContext.Current.CancellationToken))
        {
            Assert.False(refused.Acquired);
            Assert.StartsWith($"pid {holder.Id} on host {Environment.MachineName} since ", refused.Holder, StringComparison.Ordinal);
            Assert.EndsWith("(probe hold)", refused.Holder, StringComparison.Ordinal);
        }

        // A third process is refused too, and told the same holder.
        using (var contender = ProbeProcess.Start("hold", path, "rot-1", "operator"))
        {
            var (exitCode, output, _) = await contender.WaitForExitAsync();
            Assert.Equal(3, exitCode);
            Assert.StartsWith($"held-by pid {holder.Id} on host", output, StringComparison.Ordinal);
        }

        await holder.KillAsync();

        await using var taken = await store.TryLockAsync(RotationId.Parse("rot-1"), "test", TestContext.Current.CancellationToken);
        Assert.True(taken.Acquired);
        using var refusedProbe = ProbeProcess.Start("hold", path, "rot-1", "operator");
        Assert.Equal($"held-by pid {Environment.ProcessId} on host {Environment.MachineName} since 2026-11-30T08:15:00Z (test)", await refusedProbe.ReadLineAsync());
    }
}

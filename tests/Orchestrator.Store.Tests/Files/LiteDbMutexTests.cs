using LiteDB;
using Orchestrator.Store.Files;
using Orchestrator.Testing;

namespace Orchestrator.Store.Tests.Files;

public sealed class LiteDbMutexTests
{
    [Fact]
    public async Task Name_WhileLiteDbHoldsATransaction_IsTheMutexLiteDbHolds()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("State.db");
        using var inTransaction = new SemaphoreSlim(0);
        using var finish = new SemaphoreSlim(0);
        // LiteDB's transaction and mutex belong to the thread that began them: one dedicated thread does it all.
        var holder = new Thread(() =>
        {
            using var database = new LiteDatabase($"Filename={path};Connection=shared");
            database.BeginTrans();
            database.GetCollection("probe").Insert(new BsonDocument { ["x"] = 1 });
            inTransaction.Release();
            finish.Wait();
            database.Commit();
        });
        holder.Start();
        await inTransaction.WaitAsync(TestContext.Current.CancellationToken);

        using (var mutex = new Mutex(false, LiteDbMutex.Name(path)))
        {
            Assert.False(mutex.WaitOne(0), "the mutex was free while LiteDB was inside a transaction");
        }

        finish.Release();
        holder.Join();
        Assert.True(LiteDbMutex.Hold(path, () => true));
    }
}

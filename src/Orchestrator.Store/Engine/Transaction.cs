using LiteDB;

namespace Orchestrator.Store.Engine;

/// <summary>
/// One LiteDB transaction around a synchronous piece of work. LiteDB's transactions belong to the calling thread:
/// the work must not await, and every path out must commit or roll back.
/// </summary>
internal static class Transaction
{
    public static T Run<T>(ILiteDatabase database, Func<T> work)
    {
        if (!database.BeginTrans())
        {
            throw new InvalidOperationException("a LiteDB transaction is already open on this thread");
        }

        T result;
        try
        {
            result = work();
        }
        catch
        {
            database.Rollback();
            throw;
        }

        database.Commit();
        return result;
    }
}

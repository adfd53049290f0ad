using Microsoft.Extensions.Time.Testing;
using Orchestrator.Testing;

namespace Orchestrator.Store.Tests.Support;

/// <summary>Stores on files in a test's temporary directory.</summary>
internal static class TestStores
{
    /// <summary>A fixed state key, as ORCHESTRATOR_STATE_KEY would give it.</summary>
    public static readonly string Key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public static readonly string OtherKey = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    public static FakeTimeProvider Time() => new(TestRotations.Start);

    public static LiteDbRotationStore Open(string path, string? key = null, TimeProvider? time = null) =>
        LiteDbRotationStore.Open(new StoreOptions(path) { KeyOverride = key ?? Key }, time ?? Time());

    /// <summary>Opens with the key file beside the database instead of a key from the environment.</summary>
    public static LiteDbRotationStore OpenWithKeyFile(string path, TimeProvider? time = null) =>
        LiteDbRotationStore.Open(new StoreOptions(path), time ?? Time());
}

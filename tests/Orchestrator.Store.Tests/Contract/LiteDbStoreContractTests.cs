using Orchestrator.Core.Persistence;
using Orchestrator.Store.Tests.Support;
using Orchestrator.Testing;
using Orchestrator.Testing.StoreContract;

namespace Orchestrator.Store.Tests.Contract;

/// <summary>The LiteDB store held to the contract every store keeps.</summary>
public sealed class LiteDbStoreContractTests : RotationStoreContract, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    protected override Task<IRotationStore> OpenAsync() => Task.FromResult<IRotationStore>(TestStores.Open(_directory.File("state.db")));

    public void Dispose() => _directory.Dispose();
}

namespace Orchestrator.Crypto.Tests.Support;

/// <summary>A clock that stays where the test put it, so validity periods are exact.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset utcNow) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => utcNow;
}

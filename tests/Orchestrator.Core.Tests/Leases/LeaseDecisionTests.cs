using Orchestrator.Core.Cluster;
using Orchestrator.Core.Leases;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Core.Tests.Leases;

public sealed class LeaseDecisionTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-30T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly LeaseHolder Me = new(RotationId.Parse("rot-a"), "laptop", 100);

    private static LeaseRecord Lease(string? holder, TimeSpan renewedAgo) =>
        new("ca-rotation", holder, TimeSpan.FromSeconds(30), Now - renewedAgo - TimeSpan.FromMinutes(1), Now - renewedAgo, "7");

    private static string? Decide(LeaseRecord? lease, bool force = false, bool alive = true) =>
        LeaseDecision.Refusal(lease, Me, Now, force, _ => alive);

    [Fact]
    public void Refusal_NoLeaseOrReleased_Takes()
    {
        Assert.Null(Decide(null));
        Assert.Null(Decide(Lease(null, TimeSpan.Zero)));
        Assert.Null(Decide(Lease(string.Empty, TimeSpan.Zero)));
    }

    [Fact]
    public void Refusal_HeldByThisVeryProcess_Takes()
    {
        Assert.Null(Decide(Lease(Me.ToString(), TimeSpan.FromSeconds(5))));
    }

    [Fact]
    public void Refusal_LiveHolderOfAnotherRotation_RefusedNamingHolderAndExpiryEvenWhenForced()
    {
        var refusal = Decide(Lease("rot-b@server:7", TimeSpan.FromSeconds(5)), force: true);

        Assert.NotNull(refusal);
        Assert.Contains("held by rot-b@server:7", refusal, StringComparison.Ordinal);
        Assert.Contains("expires at 2026-11-30 12:00:25Z", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_ExpiredHolderOfAnotherRotation_OnlyWithForceTakeover()
    {
        var lease = Lease("rot-b@server:7", TimeSpan.FromMinutes(2));

        Assert.Contains("--force-takeover", Decide(lease), StringComparison.Ordinal);
        Assert.Null(Decide(lease, force: true));
    }

    [Fact]
    public void Refusal_SameRotationExpired_ResumeTakesOver()
    {
        Assert.Null(Decide(Lease("rot-a@server:7", TimeSpan.FromMinutes(2))));
    }

    [Fact]
    public void Refusal_SameRotationLiveOnAnotherHost_Refused()
    {
        Assert.Contains("another process is running this rotation", Decide(Lease("rot-a@server:7", TimeSpan.FromSeconds(1))), StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_SameRotationDeadProcessOnThisHost_TakenAtOnce()
    {
        Assert.Null(Decide(Lease("rot-a@laptop:55", TimeSpan.FromSeconds(1)), alive: false));
        Assert.NotNull(Decide(Lease("rot-a@laptop:55", TimeSpan.FromSeconds(1)), alive: true));
    }

    [Fact]
    public void Refusal_AnotherRotationDeadOnThisHost_StillNeedsForce()
    {
        var lease = Lease("rot-b@laptop:55", TimeSpan.FromSeconds(1));

        Assert.NotNull(Decide(lease, alive: false));
        Assert.Null(Decide(lease, force: true, alive: false));
    }

    [Theory]
    [InlineData("rot-1@host:42", "rot-1", "host", 42)]
    [InlineData("rot-1@my.host.example:1", "rot-1", "my.host.example", 1)]
    public void Parse_OwnIdentities_RoundTrip(string text, string rotation, string host, int pid)
    {
        var holder = LeaseHolder.Parse(text);

        Assert.Equal(new LeaseHolder(RotationId.Parse(rotation), host, pid), holder);
        Assert.Equal(text, holder!.ToString());
    }

    [Theory]
    [InlineData("kube-controller-manager")]
    [InlineData("a@b")]
    [InlineData("@host:1")]
    [InlineData("r@host:x")]
    public void Parse_ForeignIdentities_Null(string text)
    {
        Assert.Null(LeaseHolder.Parse(text));
    }
}

using System.Text;
using Orchestrator.Core.Steps;
using Orchestrator.Core.Tests.Support;
using Orchestrator.Core.Workflows;

namespace Orchestrator.Core.Tests.Steps;

public sealed class SecretContentTests
{
    private readonly SecretContent _content = new(Samples.OldCa, Samples.NewCa, "ca2.crt");
    private readonly IReadOnlyList<PhaseDefinition> _phases = Samples.Workflow.Phases;

    private static Dictionary<string, byte[]> Start() => new()
    {
        ["ca.crt"] = Bytes(Samples.OldCa.CertificatePem),
        ["ca.key"] = Bytes(Samples.OldCa.PrivateKey.Reveal()),
        ["note"] = Bytes("kept as it is"),
    };

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    [Fact]
    public void For_EachPhase_IsTheSeedProceduresSecret()
    {
        var added = _content.For(_phases[0], Start());
        var promoted = _content.For(_phases[1], added);
        var removed = _content.For(_phases[2], promoted);

        Assert.Equal((Samples.OldCa.CertificatePem, Samples.NewCa.CertificatePem), (Text(added["ca.crt"]), Text(added["ca2.crt"])));
        Assert.Equal(Samples.OldCa.PrivateKey.Reveal(), Text(added["ca.key"]));
        Assert.Equal((Samples.NewCa.CertificatePem, Samples.OldCa.CertificatePem), (Text(promoted["ca.crt"]), Text(promoted["ca2.crt"])));
        Assert.Equal(Samples.NewCa.PrivateKey.Reveal(), Text(promoted["ca.key"]));
        Assert.Equal(["ca.crt", "ca.key", "note"], removed.Keys.Order());
        Assert.Equal(Samples.NewCa.CertificatePem, Text(removed["ca.crt"]));
        Assert.All(new[] { added, promoted, removed }, data => Assert.Equal("kept as it is", Text(data["note"])));
    }

    [Fact]
    public void Compare_BeforeAppliedAndSomethingElse_AreTold()
    {
        var start = Start();
        var added = _content.For(_phases[0], start);

        Assert.Equal(SecretFit.Before, _content.Compare(start, null, _phases[0]));
        Assert.Equal(SecretFit.Applied, _content.Compare(added, null, _phases[0]));
        Assert.Equal(SecretFit.Before, _content.Compare(added, _phases[0], _phases[1]));
        Assert.Equal(SecretFit.Changed, _content.Compare(start, _phases[0], _phases[1]));
    }

    [Fact]
    public void DescribeDifference_CaEntriesChanged_NamesEachWithoutAnyKey()
    {
        var promoted = _content.For(_phases[1], _content.For(_phases[0], Start()));
        promoted.Remove("ca2.crt");
        promoted["ca.key"] = Bytes(Samples.OldCa.PrivateKey.Reveal());
        promoted["ca3.crt"] = Bytes(Samples.StrangerCa.CertificatePem);

        var difference = _content.DescribeDifference(promoted, _phases[1]);

        Assert.Equal("ca.key now holds the old CA's key, not the new CA's key; ca2.crt was removed; ca3.crt was added, holding O=intruder", difference[..difference.IndexOf(" (SHA-256", StringComparison.Ordinal)]);
        Assert.DoesNotContain("PRIVATE KEY", difference, StringComparison.Ordinal);
    }

    [Fact]
    public void DescribeDifference_OnlyAnUnmanagedEntryChanged_IsEmpty()
    {
        var added = _content.For(_phases[0], Start());
        added["note"] = Bytes("someone edited a note");

        Assert.Empty(_content.DescribeDifference(added, _phases[0]));
    }

    [Fact]
    public void Compare_UnmanagedEntryChanged_StillFits()
    {
        var added = _content.For(_phases[0], Start());
        added["note"] = Bytes("someone edited a note");

        Assert.Equal(SecretFit.Before, _content.Compare(added, _phases[0], _phases[1]));
    }

    [Fact]
    public void DescribeChange_ExtraEntryRemovedBeforePromote_SaysSo()
    {
        var added = _content.For(_phases[0], Start());
        added.Remove("ca2.crt");

        Assert.Equal(SecretFit.Changed, _content.Compare(added, _phases[0], _phases[1]));
        Assert.Equal("ca2.crt was removed", _content.DescribeChange(added, _phases[0], _phases[1]));
    }

    [Fact]
    public void DescribeChange_AnotherCaPutIn_NamesItWithoutShowingKeys()
    {
        var added = _content.For(_phases[0], Start());
        added["ca2.crt"] = Bytes(Samples.StrangerCa.CertificatePem);
        added["other.crt"] = Bytes(Samples.StrangerCa.CertificatePem);

        var description = _content.DescribeChange(added, _phases[0], _phases[1]);

        Assert.Contains("ca2.crt now holds O=intruder", description, StringComparison.Ordinal);
        Assert.Contains("other.crt was added (O=intruder", description, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", description, StringComparison.Ordinal);
    }
}

using System.Text;
using Orchestrator.Simulator.Controllers;

namespace Orchestrator.Simulator.Tests.Controllers;

/// <summary>The simulated operator's checksum against answers computed with Go's own fmt and crypto/sha1.</summary>
public sealed class OperatorChecksumTests
{
    private static Dictionary<string, byte[]> Data(params (string Key, string Value)[] entries) =>
        entries.ToDictionary(entry => entry.Key, entry => Encoding.UTF8.GetBytes(entry.Value));

    [Fact]
    public void Of_TwoEntries_MatchesGo()
    {
        // map[ca.crt:[65 66] ca.key:[67]]
        Assert.Equal("43dedc7280162f05f382ce5a935f55bc24f050b6", OperatorChecksum.Of(Data(("ca.key", "C"), ("ca.crt", "AB"))));
    }

    [Fact]
    public void Of_EmptyValueAndLaterKey_MatchesGo()
    {
        var data = Data(("ca.crt", "-----BEGIN CERTIFICATE-----\n"), ("ca2.crt", "x"), ("ca.key", string.Empty));

        Assert.Equal("689853702a97efc11f276eb1854e53e7f596c084", OperatorChecksum.Of(data));
    }

    [Fact]
    public void Of_NoData_IsChecksumOfEmptyMap()
    {
        // sha1("map[]"): a Secret without data prints as an empty map.
        Assert.Equal("0e6ae3fec848d64b4647532abed2256acca56b85", OperatorChecksum.Of(null));
        Assert.Equal("0e6ae3fec848d64b4647532abed2256acca56b85", OperatorChecksum.Of(new Dictionary<string, byte[]>()));
    }
}

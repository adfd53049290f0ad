using System.Text;
using Orchestrator.Core.Cassandra;

namespace Orchestrator.Core.Tests.Cassandra;

public sealed class SecretChecksumTests
{
    private static Dictionary<string, byte[]> Data(params (string Key, string Value)[] entries) =>
        entries.ToDictionary(entry => entry.Key, entry => Encoding.UTF8.GetBytes(entry.Value));

    [Fact]
    public void Compute_KnownAnswerFromGo_MatchesSortedDecimalBytes()
    {
        // map[ca.crt:[65 66] ca.key:[67]], checked with Go's own fmt.
        var checksum = SecretChecksum.Compute(Data(("ca.key", "C"), ("ca.crt", "AB")));

        Assert.Equal("43dedc7280162f05f382ce5a935f55bc24f050b6", checksum);
    }

    [Fact]
    public void Compute_KnownAnswerWithEmptyValueAndLaterKey_MatchesGo()
    {
        var checksum = SecretChecksum.Compute(Data(
            ("ca.crt", "-----BEGIN CERTIFICATE-----\n"),
            ("ca2.crt", "x"),
            ("ca.key", string.Empty)));

        Assert.Equal("689853702a97efc11f276eb1854e53e7f596c084", checksum);
    }

    [Fact]
    public void Compute_EmptyMap_IsChecksumOfMapBrackets()
    {
        // sha1("map[]")
        Assert.Equal("0e6ae3fec848d64b4647532abed2256acca56b85", SecretChecksum.Compute(new Dictionary<string, byte[]>()));
    }

    [Fact]
    public void Compute_InsertionOrder_DoesNotChangeChecksum()
    {
        var forward = SecretChecksum.Compute(Data(("a.crt", "1"), ("b.crt", "2"), ("c.crt", "3")));
        var backward = SecretChecksum.Compute(Data(("c.crt", "3"), ("b.crt", "2"), ("a.crt", "1")));

        Assert.Equal(forward, backward);
    }
}

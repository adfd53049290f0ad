using System.Text;
using BenchmarkDotNet.Attributes;
using Orchestrator.Core.Cassandra;

namespace Orchestrator.Benchmarks.Micro;

/// <summary>The operator's checksum of a CA Secret as the orchestrator computes it to know its write was seen.</summary>
[Config(typeof(QuickInProcessConfig))]
public class SecretChecksumBenchmarks
{
    private IReadOnlyDictionary<string, byte[]> _data = null!;

    /// <summary>CA entries in the Secret: 2 outside a rotation, 3 during one.</summary>
    [Params(2, 3)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Sizes of real PEM text: a 4096-bit CA certificate is about 1.8 kB, its PKCS#8 key about 3.2 kB.
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["ca.crt"] = Pem("CERTIFICATE", 1800),
            ["ca.key"] = Pem("PRIVATE KEY", 3200),
        };
        if (Entries == 3)
        {
            data["ca2.crt"] = Pem("CERTIFICATE", 1800);
        }

        _data = data.AsReadOnly();
    }

    [Benchmark]
    public string Compute() => SecretChecksum.Compute(_data);

    private static byte[] Pem(string label, int size)
    {
        var body = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(size * 3 / 4));
        return Encoding.ASCII.GetBytes($"-----BEGIN {label}-----\n{body}\n-----END {label}-----\n");
    }
}

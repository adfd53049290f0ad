using System.Text.RegularExpressions;

namespace Orchestrator.Core.Cassandra;

/// <summary>How the operator reads the CA Secret: the main keypair, and which entries it trusts.</summary>
public static partial class TrustedEntries
{
    public const string Certificate = "ca.crt";
    public const string Key = "ca.key";

    /// <summary>The operator's own test: a key matching <c>^.*.crt</c> holds a trusted CA certificate.</summary>
    public static bool IsTrusted(string key) => Pattern().IsMatch(key);

    [GeneratedRegex("^.*.crt")]
    private static partial Regex Pattern();
}

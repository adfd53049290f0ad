namespace Orchestrator.Crypto.Tests.Support;

internal static class PemText
{
    /// <summary>The base64 lines between the BEGIN and END markers, joined.</summary>
    public static string Body(string pem) =>
        string.Concat(pem.Split('\n').Where(line => line.Length > 0 && !line.StartsWith("-----", StringComparison.Ordinal)));

    /// <summary>Asserts that no stretch of the PEM body appears in <paramref name="text"/> (a message, a ToString).</summary>
    public static void AssertNotQuoted(string pem, string text)
    {
        var body = Body(pem);
        for (var start = 0; start + 16 <= body.Length; start += 8)
        {
            Assert.DoesNotContain(body.Substring(start, 16), text, StringComparison.Ordinal);
        }
    }
}

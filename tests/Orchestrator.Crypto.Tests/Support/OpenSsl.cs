using System.Globalization;
using Orchestrator.Testing;

namespace Orchestrator.Crypto.Tests.Support;

internal static class OpenSsl
{
    /// <summary>
    /// The <c>-attime</c> value for verifying test certificates: a day after they were issued by the fixed test clock,
    /// so verification does not depend on today's date.
    /// </summary>
    public static string VerifyTime { get; } =
        TestAuthorities.IssuedAt.AddDays(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public static Task<ToolResult> RunAsync(string workingDirectory, params string[] arguments) =>
        ExternalTool.RunAsync(ExternalTool.RequirePath("openssl"), arguments, workingDirectory, cancellationToken: TestContext.Current.CancellationToken);
}

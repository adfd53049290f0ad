using Orchestrator.Testing;

namespace Orchestrator.Crypto.Tests.Support;

/// <summary>Java's keytool, in English whatever the machine's locale, so its output can be asserted on.</summary>
internal static class Keytool
{
    public static Task<ToolResult> RunAsync(string workingDirectory, params string[] arguments) =>
        ExternalTool.RunAsync(
            ExternalTool.RequirePath("keytool"),
            ["-J-Duser.language=en", "-J-Duser.country=US", .. arguments],
            workingDirectory,
            cancellationToken: TestContext.Current.CancellationToken);
}

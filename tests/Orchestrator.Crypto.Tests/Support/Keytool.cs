namespace Orchestrator.Crypto.Tests.Support;

/// <summary>Java's keytool, in English whatever the machine's locale, so its output can be asserted on.</summary>
internal static class Keytool
{
    public static Task<ProcessResult> RunAsync(string workingDirectory, params string[] arguments) =>
        ProcessRunner.RunAsync(
            ExternalTools.RequireKeytool(),
            ["-J-Duser.language=en", "-J-Duser.country=US", .. arguments],
            workingDirectory,
            TestContext.Current.CancellationToken);
}

namespace Orchestrator.Crypto.Tests.Support;

internal sealed record ProcessResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    public string Output => StandardOutput + StandardError;

    /// <summary>Fails the test with everything the tool said, which is what one needs to see when it refuses.</summary>
    public ProcessResult AssertSucceeded()
    {
        Assert.True(ExitCode == 0, $"'{Command}' exited with {ExitCode}.\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}");
        return this;
    }
}

namespace Orchestrator.Testing;

/// <summary>What a command-line tool said and how it ended.</summary>
public sealed record ToolResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    public string Output => StandardOutput + StandardError;

    /// <summary>Fails the test with everything the tool said, which is what one needs to see when it refuses.</summary>
    public ToolResult AssertSucceeded()
    {
        Assert.True(ExitCode == 0, ToString());
        return this;
    }

    public override string ToString() => $"'{Command}' exited with {ExitCode}.\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}

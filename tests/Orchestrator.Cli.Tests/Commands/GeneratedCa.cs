using Orchestrator.Cli.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Commands;

/// <summary>One <c>generate-ca</c> run (2048-bit, alias ca7) into a directory that does not exist yet, shared by the checks on its files.</summary>
public sealed class GeneratedCa : IAsyncLifetime
{
    public const string Alias = "ca7";

    private readonly TemporaryDirectory _directory = new();

    public string Directory => Path.Combine(_directory.Path, "new", "ca");

    public string CertificateFile => Path.Combine(Directory, "ca_crt.pem");

    public string KeyFile => Path.Combine(Directory, "ca_key.pem");

    internal ProcessOutcome Outcome { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Outcome = await OrchestratorProcess.RunAsync(["generate-ca", "--alias", Alias, "--out", Directory, "--key-size", "2048"]);
        Assert.True(Outcome.ExitCode == 0, Outcome.ToString());
    }

    /// <summary>Runs openssl on the generated files, in their directory.</summary>
    public async Task<ToolResult> OpenSslAsync(params string[] arguments) =>
        (await ExternalTool.RunAsync(ExternalTool.RequirePath("openssl"), arguments, Directory, cancellationToken: TestContext.Current.CancellationToken)).AssertSucceeded();

    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}

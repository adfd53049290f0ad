using System.CommandLine;
using System.Text.Json;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Specs;
using Orchestrator.Core.Verification;
using Orchestrator.Store;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// <c>orchestrator verify --spec FILE</c>: where every region stands in a rotation, and whether its node TLS Secret and
/// operator keep up with its CA Secret. Reads only: no write, no Lease, no run lock; the state file, when there is
/// one, only to tell the old CA from the new.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var spec = CommonOptions.Spec();
        var output = CommonOptions.Output();
        var state = CommonOptions.State();
        var expiringWithin = new Option<string?>("--expiring-within")
        {
            Description = "Also fail (exit 1) when a CA certificate of any region expires within this time, such as 30d or 720h.",
            HelpName = "DURATION",
        };
        var command = new Command("verify", "Check (reading only) which phase of a rotation every region is in, and that its node TLS Secret and operator match its CA Secret.")
        {
            spec,
            output,
            state,
            expiringWithin,
        };
        command.SetAction(CommandAction.Of(async (parse, services, cancellationToken) =>
        {
            var window = Window(parse.GetValue(expiringWithin));
            var rotationSpec = SpecParser.ParseFile(parse.GetValue(spec)!.FullName);
            var rotations = await ReadRotationsAsync(services, parse.GetValue(state), rotationSpec, cancellationToken);
            var report = await new ClusterVerifier(services.VerifyConnector, services.Time).VerifyAsync(rotationSpec, rotations, cancellationToken);
            if (window is { } within && CaExpiry.Within(report, services.Time.GetUtcNow(), within) is { Count: > 0 } expiring)
            {
                report = report with { Ok = false, Problems = [.. report.Problems, .. expiring] };
            }

            if (parse.GetValue(output) == "json")
            {
                await services.Output.WriteLineAsync(JsonSerializer.Serialize(VerifyView.Of(rotationSpec, report), RotationView.Json));
            }
            else
            {
                await services.Output.WriteAsync(VerifyText.Format(rotationSpec, report, services.Time.GetUtcNow()));
            }

            return report.Ok ? ExitCodes.Success : ExitCodes.VerifyFailed;
        }));
        return command;
    }

    private static TimeSpan? Window(string? text) => text is null ? null
        : CaExpiry.TryParseWindow(text, out var window) ? window
        : throw new UsageException($"--expiring-within '{text}': expected a duration such as 30d, 720h or 1d12h");

    /// <summary>
    /// The state file's rotations of this Secret; none when there is no state file. It is opened only to read: never
    /// created or changed here, and refused (an empty one too) when it is not an intact state file.
    /// </summary>
    private static async Task<IReadOnlyList<RecordedRotation>> ReadRotationsAsync(CliServices services, string? path, RotationSpec spec, CancellationToken cancellationToken)
    {
        var file = new FileInfo(path ?? StoreOptions.DefaultPath());
        if (!file.Exists)
        {
            return [];
        }

        using var store = services.OpenReader(file.FullName);
        return store is null ? [] : await RecordedRotations.ReadAsync(store, spec, cancellationToken);
    }
}

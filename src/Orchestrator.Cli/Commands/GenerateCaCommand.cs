using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Orchestrator.Cli.Files;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Specs;
using Orchestrator.Crypto.Authority;
using Orchestrator.Crypto.Certificates;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// <c>orchestrator generate-ca --alias A --out DIR</c>: a new CA keypair as <c>utils/tls.sh create-ca-keypair</c> makes
/// it, for a spec's <c>newCa: { certFile, keyFile }</c>. Checked by the same rules as a spec's generated CA.
/// </summary>
internal static class GenerateCaCommand
{
    public static Command Create()
    {
        var alias = new Option<string>("--alias")
        {
            Description = "The CA's alias: its subject becomes O=<alias>; letters, digits, '.', '_' or '-', and different from every CA the cluster trusts.",
            Required = true,
        };
        var directory = new Option<string>("--out")
        {
            Description = "Directory for ca_crt.pem and ca_key.pem (created owner-only if missing); neither file may exist yet.",
            Required = true,
        };
        var keySize = new Option<int>("--key-size")
        {
            Description = $"RSA key size in bits: at least {NewCaSpec.MinimumKeySize}, a multiple of 8 (default {NewCaSpec.DefaultKeySize}).",
            DefaultValueFactory = _ => NewCaSpec.DefaultKeySize,
        };
        var validityDays = new Option<int>("--validity-days")
        {
            Description = $"Days the CA stays valid from now: 1 to {NewCaRules.MaximumValidityDays} (default {NewCaSpec.DefaultValidityDays}).",
            DefaultValueFactory = _ => NewCaSpec.DefaultValidityDays,
        };
        var output = CommonOptions.Output();
        var command = new Command("generate-ca", "Write a new CA keypair (DIR/ca_crt.pem, DIR/ca_key.pem, both 0600) like utils/tls.sh create-ca-keypair, for newCa: { certFile, keyFile } in a spec.")
        {
            alias, directory, keySize, validityDays, output, CommonOptions.StateNotUsed(),
        };
        command.SetAction(CommandAction.Of(async (parse, services, cancellationToken) =>
        {
            var options = new CertificateAuthorityOptions(parse.GetValue(alias)!, parse.GetValue(keySize), parse.GetValue(validityDays));
            Check("--alias", NewCaRules.AliasProblem(options.Alias));
            Check("--key-size", NewCaRules.KeySizeProblem(options.KeySize));
            Check("--validity-days", NewCaRules.ValidityProblem(options.ValidityDays));
            var files = CaFiles.At(parse.GetValue(directory)!);
            files.EnsureAbsent();

            var pair = await Task.Run(() => CertificateAuthorityGenerator.Generate(options, services.Time), cancellationToken);
            await files.WriteAsync(pair, cancellationToken);

            var details = PemCertificates.Describe(pair.CertificatePem);
            if (parse.GetValue(output) == "json")
            {
                var view = new GeneratedCaView(details.Subject, details.Alias, details.Sha256Fingerprint, Times.Iso(details.NotBefore)!, Times.Iso(details.NotAfter)!, details.KeySizeBits, files.CertificatePath, files.KeyPath);
                await services.Output.WriteLineAsync(JsonSerializer.Serialize(view, RotationView.Json));
                return ExitCodes.Success;
            }

            await services.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"New CA {details.Subject} (RSA {details.KeySizeBits})"));
            await services.Output.WriteLineAsync($"  SHA-256:      {details.Sha256Fingerprint}");
            await services.Output.WriteLineAsync($"  Expires:      {Times.Short(details.NotAfter)}");
            await services.Output.WriteLineAsync($"  Certificate:  {files.CertificatePath}");
            await services.Output.WriteLineAsync($"  Private key:  {files.KeyPath} (owner-only; keep it secret)");
            await services.Output.WriteLineAsync($"Use it in a spec as newCa: {{ certFile: {files.CertificatePath}, keyFile: {files.KeyPath} }}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static void Check(string option, string? problem)
    {
        if (problem is not null)
        {
            throw new UsageException($"{option}: {problem}");
        }
    }
}

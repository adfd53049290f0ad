using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Commands;

/// <summary><c>generate-ca</c> as the procedure's own tools (openssl, keytool) and a rotation spec see its files.</summary>
public sealed class GenerateCaTests(GeneratedCa generated) : IClassFixture<GeneratedCa>
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public void GenerateCa_MissingDirectory_CreatedOwnerOnlyWithBothFilesOwnerOnly()
    {
        Assert.Equal(OwnerReadWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(generated.Directory));
        Assert.Equal(["ca_crt.pem", "ca_key.pem"], Directory.GetFileSystemEntries(generated.Directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(generated.CertificateFile));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(generated.KeyFile));
        Assert.StartsWith("-----BEGIN CERTIFICATE-----\n", File.ReadAllText(generated.CertificateFile), StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----\n", File.ReadAllText(generated.KeyFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateCa_Output_SaysSubjectFingerprintExpiryAndPathsButNotTheKey()
    {
        var fingerprint = (await generated.OpenSslAsync("x509", "-in", "ca_crt.pem", "-noout", "-fingerprint", "-sha256")).StandardOutput.Trim().Split('=')[1];
        var notAfter = (await generated.OpenSslAsync("x509", "-in", "ca_crt.pem", "-noout", "-enddate")).StandardOutput.Trim().Split('=')[1];
        var expiry = DateTime.ParseExact(Regex.Replace(notAfter, " +", " "), "MMM d HH:mm:ss yyyy 'GMT'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

        var output = generated.Outcome.Output;

        Assert.StartsWith("New CA O=ca7 (RSA 2048)\n", output, StringComparison.Ordinal);
        Assert.Contains($"  SHA-256:      {fingerprint}\n", output, StringComparison.Ordinal);
        Assert.Contains($"  Expires:      {expiry.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z\n", output, StringComparison.Ordinal);
        Assert.Contains($"  Certificate:  {generated.CertificateFile}\n", output, StringComparison.Ordinal);
        Assert.Contains($"  Private key:  {generated.KeyFile} ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", output + generated.Outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(File.ReadAllLines(generated.KeyFile)[1], output + generated.Outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateCa_Certificate_IsACaForKeyCertSignWithTheAliasAsOrganization()
    {
        var text = (await generated.OpenSslAsync("x509", "-in", "ca_crt.pem", "-noout", "-text")).StandardOutput;

        Assert.Contains("Subject: O = ca7", text, StringComparison.Ordinal);
        Assert.Contains("Issuer: O = ca7", text, StringComparison.Ordinal);
        Assert.Contains("CA:TRUE", text, StringComparison.Ordinal);
        Assert.Contains("Certificate Sign", text, StringComparison.Ordinal);
        Assert.Contains("Public-Key: (2048 bit)", text, StringComparison.Ordinal);
        Assert.Contains("Signature Algorithm: sha256WithRSAEncryption", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateCa_Key_PassesRsaCheckAndHasTheCertificatesModulus()
    {
        var check = await generated.OpenSslAsync("rsa", "-in", "ca_key.pem", "-check", "-noout");
        var keyModulus = (await generated.OpenSslAsync("rsa", "-in", "ca_key.pem", "-noout", "-modulus")).StandardOutput;
        var certificateModulus = (await generated.OpenSslAsync("x509", "-in", "ca_crt.pem", "-noout", "-modulus")).StandardOutput;

        Assert.Contains("RSA key ok", check.StandardOutput, StringComparison.Ordinal);
        Assert.StartsWith("Modulus=", keyModulus, StringComparison.Ordinal);
        Assert.Equal(certificateModulus, keyModulus);
    }

    [Fact]
    public async Task GenerateCa_Certificate_KeytoolImportsItIntoAPkcs12Truststore()
    {
        using var directory = new TemporaryDirectory();
        var keytool = ExternalTool.RequirePath("keytool");
        string[] store = ["-keystore", directory.File("truststore.p12"), "-storetype", "PKCS12", "-storepass", "changeit"];

        var imported = await ExternalTool.RunAsync(keytool, ["-J-Duser.language=en", "-importcert", "-noprompt", "-alias", GeneratedCa.Alias, "-file", generated.CertificateFile, .. store], cancellationToken: TestContext.Current.CancellationToken);
        var listed = await ExternalTool.RunAsync(keytool, ["-J-Duser.language=en", "-list", "-v", "-alias", GeneratedCa.Alias, .. store], cancellationToken: TestContext.Current.CancellationToken);

        imported.AssertSucceeded();
        listed.AssertSucceeded();
        Assert.Contains("Entry type: trustedCertEntry", listed.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Owner: O=ca7", listed.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ca_crt.pem")]
    [InlineData("ca_key.pem")]
    public async Task GenerateCa_EitherFileExists_RefusedExit2AndNothingWritten(string existing)
    {
        using var directory = new TemporaryDirectory();
        directory.Write(existing, "keep me");

        var outcome = await OrchestratorProcess.RunAsync(["generate-ca", "--alias", "ca8", "--out", directory.Path, "--key-size", "2048"]);

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Equal($"error: --out: {directory.File(existing)} already exists; it is never overwritten: choose another directory or move the old CA files away", outcome.Error.Trim());
        Assert.Empty(outcome.Output);
        Assert.Equal([existing], Directory.GetFileSystemEntries(directory.Path).Select(Path.GetFileName));
        Assert.Equal("keep me", File.ReadAllText(directory.File(existing)));
    }

    [Theory]
    [InlineData("--key-size", "1024", "--key-size: 1024 is below 2048")]
    [InlineData("--key-size", "2050", "--key-size: 2050 is not a whole number of bytes")]
    [InlineData("--validity-days", "0", "--validity-days: 0 is out of range")]
    [InlineData("--alias", "ca 8", "--alias: 'ca 8' is not a usable alias")]
    [InlineData("--key-size", "big", "--key-size")]
    public async Task GenerateCa_BadValue_Exit2NamingTheOptionAndNothingWritten(string option, string value, string expected)
    {
        using var directory = new TemporaryDirectory();
        var target = directory.File("out");
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal) { ["--alias"] = "ca8", ["--out"] = target, ["--key-size"] = "2048", [option] = value };

        var outcome = await OrchestratorProcess.RunAsync(["generate-ca", .. arguments.SelectMany(pair => new[] { pair.Key, pair.Value })]);

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.StartsWith("error: ", outcome.Error, StringComparison.Ordinal);
        Assert.Contains(expected, outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Error, StringComparison.Ordinal);
        Assert.Empty(outcome.Output);
        Assert.False(Path.Exists(target));
    }

    [Fact]
    public async Task GenerateCa_Defaults_A4096BitCaForTenYearsAsJson()
    {
        using var directory = new TemporaryDirectory();

        var outcome = await OrchestratorProcess.RunAsync(["generate-ca", "--alias", "ca9", "--out", directory.Path, "--output", "json"]);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var json = JsonNode.Parse(outcome.Output)!.AsObject();
        Assert.Equal(["alias", "certificateFile", "keyFile", "keySize", "notAfter", "notBefore", "sha256Fingerprint", "subject"], json.Select(pair => pair.Key).Order(StringComparer.Ordinal));
        Assert.Equal(("O=ca9", "ca9", 4096), (json["subject"]!.GetValue<string>(), json["alias"]!.GetValue<string>(), json["keySize"]!.GetValue<int>()));
        Assert.Equal((directory.File("ca_crt.pem"), directory.File("ca_key.pem")), (json["certificateFile"]!.GetValue<string>(), json["keyFile"]!.GetValue<string>()));
        var validity = DateTimeOffset.Parse(json["notAfter"]!.GetValue<string>(), CultureInfo.InvariantCulture) - DateTimeOffset.Parse(json["notBefore"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.Equal(3650, Math.Round(validity.TotalDays));
        var text = (await ExternalTool.RunAsync(ExternalTool.RequirePath("openssl"), ["x509", "-in", directory.File("ca_crt.pem"), "-noout", "-text"], cancellationToken: TestContext.Current.CancellationToken)).AssertSucceeded();
        Assert.Contains("Public-Key: (4096 bit)", text.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", outcome.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_SpecBringingTheGeneratedCa_AcceptedAndShowsItAsSupplied()
    {
        await using var clusters = await SimulatedClusters.StartAsync(1, pods: 1);
        var spec = clusters.WriteSpec(newCa: $"newCa:\n  certFile: {generated.CertificateFile}\n  keyFile: {generated.KeyFile}\n");

        var plan = await OrchestratorProcess.RunAsync(["plan", "--spec", spec]);

        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains("New CA: supplied: O=ca7", plan.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", plan.Output + plan.Error, StringComparison.Ordinal);
        Assert.Empty(clusters.OrchestratorWrites());
    }
}

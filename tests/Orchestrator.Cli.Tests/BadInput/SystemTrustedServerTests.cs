using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.BadInput;

/// <summary>
/// A kubeconfig that names its cluster's CA trusts that CA alone, as kubectl does: a server whose certificate comes
/// from another CA is refused even when the system trusts that other CA.
/// </summary>
public sealed class SystemTrustedServerTests(RefusalFixture fixture) : IClassFixture<RefusalFixture>
{
    [Fact]
    public async Task Plan_ServerCertifiedByASystemTrustedCaNotTheKubeconfigs_Refused()
    {
        var token = TestContext.Current.CancellationToken;
        using var systemCa = SelfSignedCa("CN=system-trusted-ca");
        using var kubeconfigCa = SelfSignedCa("CN=kubeconfig-ca");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var serverCertificate = ServerCertificate(systemCa);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(token);
        var serving = ServeHandshakesAsync(listener, serverCertificate, stopping.Token);

        // The system's trust store, for the orchestrator's process, is a file holding the server's CA alone.
        var roots = fixture.WriteSpec("system-roots.pem", Encoding.ASCII.GetBytes(systemCa.ExportCertificatePem()));
        var emptyRootDirectory = Path.Combine(Path.GetDirectoryName(roots)!, "system-roots.d");
        Directory.CreateDirectory(emptyRootDirectory);
        var kubeconfig = fixture.WriteSpec("kubeconfig-system-trusted-server", Encoding.UTF8.GetBytes($"""
            apiVersion: v1
            kind: Config
            current-context: region1
            clusters:
            - name: region1
              cluster:
                server: https://127.0.0.1:{port}
                certificate-authority-data: {Convert.ToBase64String(Encoding.ASCII.GetBytes(kubeconfigCa.ExportCertificatePem()))}
            contexts:
            - name: region1
              context:
                cluster: region1
                user: region1
            users:
            - name: region1
              user:
                token: 0123456789abcdef
            """));
        var spec = MangledKubeconfigTests.WriteSpec(fixture, "region1", kubeconfig, "system-trusted-server");

        var outcome = await OrchestratorProcess.RunAsync(
            ["plan", "--spec", spec, "--state", fixture.StatePath],
            new Dictionary<string, string?> { ["SSL_CERT_FILE"] = roots, ["SSL_CERT_DIR"] = emptyRootDirectory });
        await stopping.CancelAsync();
        await serving;

        fixture.AssertRefused(outcome, "region1: no trusted TLS connection to https://127.0.0.1:", "is not signed by the kubeconfig's certificate authority");
    }

    private static X509Certificate2 SelfSignedCa(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        var now = TimeProvider.System.GetUtcNow();
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
    }

    private static X509Certificate2 ServerCertificate(X509Certificate2 authority)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = TimeProvider.System.GetUtcNow();
        using var signed = request.Create(authority, now.AddMinutes(-4), now.AddDays(1), [5, 6, 7, 8]);
        using var withKey = signed.CopyWithPrivateKey(key);

        // Exported and read back: a server certificate's key must be usable by the TLS stack, not only in memory.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Completes TLS handshakes and hangs up: all a client can get from it is the server's certificate.</summary>
    private static async Task ServeHandshakesAsync(TcpListener listener, X509Certificate2 certificate, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                using var client = await listener.AcceptTcpClientAsync(stopping);
                await using var tls = new SslStream(client.GetStream());
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure) when (failure is IOException or AuthenticationException or SocketException)
            {
                // The client refused the certificate, as it should.
            }
        }
    }
}

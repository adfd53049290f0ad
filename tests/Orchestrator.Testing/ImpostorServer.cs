using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Orchestrator.Testing;

/// <summary>
/// A TLS endpoint on loopback whose certificate, from a CA of its own, names the host it is given: a server a client
/// must refuse, for a name it did not ask for or a CA its kubeconfig does not name. It only performs handshakes and
/// counts them.
/// </summary>
public sealed class ImpostorServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly X509Certificate2 _certificate;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;
    private int _handshakes;

    private ImpostorServer(TcpListener listener, X509Certificate2 certificate, string authorityPem)
    {
        _listener = listener;
        _certificate = certificate;
        AuthorityPem = authorityPem;
        _accepting = AcceptAsync();
    }

    public string AuthorityPem { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Handshakes => Volatile.Read(ref _handshakes);

    public static Task<ImpostorServer> StartAsync(string dnsName)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds());
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=impostor-ca", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var authority = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        if (IPAddress.TryParse(dnsName, out var address))
        {
            names.AddIpAddress(address);
        }
        else
        {
            names.AddDnsName(dnsName);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var signed = request.Create(authority, now.AddMinutes(-5), now.AddDays(1), [1, 2, 3, 4]);
        using var withKey = signed.CopyWithPrivateKey(key);
        var certificate = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), password: null);

        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return Task.FromResult(new ImpostorServer(listener, certificate, authority.ExportCertificatePem()));
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }

        _certificate.Dispose();
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            using var connection = await _listener.AcceptTcpClientAsync(_stopping.Token);
            await using var tls = new SslStream(connection.GetStream());
            Interlocked.Increment(ref _handshakes);
            try
            {
                await tls.AuthenticateAsServerAsync(
                    new SslServerAuthenticationOptions { ServerCertificate = _certificate, ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11] },
                    _stopping.Token);
            }
            catch (Exception refused) when (refused is AuthenticationException or IOException)
            {
                // The client hung up on the certificate: what the tests want.
            }
        }
    }
}

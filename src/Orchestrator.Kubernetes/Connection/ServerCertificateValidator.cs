using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Orchestrator.Kubernetes.Connection;

/// <summary>
/// Checks an API server's certificate the way kubectl does: it must chain to the kubeconfig's CA (or, without one, to
/// the system's roots) and name the host the client asked for (a DNS or IP subject alternative name).
/// </summary>
internal sealed class ServerCertificateValidator(X509Certificate2Collection? authorities) : IDisposable
{
    private readonly X509Certificate2Collection _authorities = authorities ?? [];

    /// <summary>Why the last certificate was refused, for the error message of the call that failed.</summary>
    public string? LastRejection { get; private set; }

    /// <summary>
    /// Sets a connection's checks: this validator's callback and, when the kubeconfig brings a CA, a chain built to
    /// that CA alone, as kubectl builds it: a certificate of some CA the system trusts is not accepted in its place.
    /// </summary>
    public void ApplyTo(SslClientAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RemoteCertificateValidationCallback = Validate;
        if (_authorities.Count > 0)
        {
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.AddRange(_authorities);
            options.CertificateChainPolicy = policy;
        }
    }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var rejection = Check(certificate, chain, errors);
        if (rejection is not null)
        {
            LastRejection = rejection;
        }

        return rejection is null;
    }

    public void Dispose()
    {
        foreach (var authority in _authorities)
        {
            authority.Dispose();
        }
    }

    private string? Check(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return "the server presented no certificate";
        }

        var subject = certificate.Subject;
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return $"the server certificate ({subject}) is not valid for the host name in the kubeconfig's server URL";
        }

        if ((errors & SslPolicyErrors.RemoteCertificateChainErrors) == 0)
        {
            return null;
        }

        if (_authorities.Count == 0 || chain is null)
        {
            return $"the server certificate ({subject}) is not signed by a trusted CA";
        }

        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Clear();
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return certificate is X509Certificate2 presented && chain.Build(presented)
            ? null
            : $"the server certificate ({subject}) is not signed by the kubeconfig's certificate authority: "
                + string.Join("; ", chain.ChainStatus.Select(status => status.StatusInformation.Trim()).Distinct());
    }
}

using System.Net;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Orchestrator.Controller.Resources;
using Orchestrator.Controller.Serving;
using Orchestrator.Core.Preflight;
using Orchestrator.Core.Specs;
using Orchestrator.Crypto;
using Orchestrator.Kubernetes;
using Orchestrator.Kubernetes.Connection;

namespace Orchestrator.Controller.Specs;

/// <summary>
/// Reads a CaRotation as the spec file is read (the same rules and messages, with the resource's field paths), its
/// regions' kubeconfigs from Secrets in the CaRotation's namespace, and a brought CA from its Secret. A region without
/// a kubeconfig Secret is the cluster the controller itself talks to.
/// </summary>
/// <param name="ownCluster">The controller's own cluster's configuration, built afresh for each use.</param>
/// <param name="clientOptions">How the regions' clients behave (the controller's User-Agent, timeouts).</param>
public sealed class CaRotationInputReader(
    IKubernetes client,
    string @namespace,
    Func<KubernetesClientConfiguration> ownCluster,
    KubernetesClientOptions clientOptions,
    ILoggerFactory loggers,
    TimeProvider time) : IRotationInputReader
{
    /// <summary>The entries a brought CA's Secret may hold, in the order they are looked for.</summary>
    private static readonly (string Certificate, string Key)[] CaLayouts = [("tls.crt", "tls.key"), ("ca_crt.pem", "ca_key.pem")];

    public async Task<RotationInput> ReadAsync(CaRotation rotation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        var spec = CaRotationSpecReader.Read(rotation.Spec, Described);
        var configurations = new Dictionary<string, Func<KubernetesClientConfiguration>>(StringComparer.Ordinal);
        for (var index = 0; index < spec.Regions.Count; index++)
        {
            var region = spec.Regions[index];
            if (rotation.Spec.Regions[index].KubeconfigSecretRef is { } reference)
            {
                var text = await ReadEntryAsync(reference.Name, reference.Key, $"spec.regions[{index}].kubeconfigSecretRef", cancellationToken);

                // Parsed once now, so that a broken kubeconfig is refused before anything starts.
                KubeconfigReader.Parse(region, text);
                configurations[region.Name] = () => KubeconfigReader.Parse(region, text);
            }
            else
            {
                configurations[region.Name] = ownCluster;
            }
        }

        var brought = rotation.Spec.NewCa.SecretRef is { } caSecret ? await ReadBroughtCaAsync(caSecret.Name, cancellationToken) : null;
        var connector = new ConfiguredConnector(new KubernetesClusterConnector(loggers, time, clientOptions), configurations);
        return new RotationInput(spec, connector, (preflight, token, leases) => preflight.RunAsync(spec, token, leases, brought));
    }

    /// <summary>How a region's kubeconfig is named in messages, where the spec file would give its path.</summary>
    private string Described(RegionSource region) => region.KubeconfigSecretRef is { } reference
        ? $"Secret {@namespace}/{reference.Name} entry {reference.Key}"
        : "of the controller's own cluster";

    private async Task<string> ReadEntryAsync(string name, string key, string field, CancellationToken cancellationToken)
    {
        var secret = await FindSecretAsync(name, field, cancellationToken);
        if (secret.Data?.TryGetValue(key, out var value) != true || value is null)
        {
            var entries = secret.Data?.Keys.Order(StringComparer.Ordinal).ToList() ?? [];
            throw new SpecException($"{field}.key: Secret {@namespace}/{name} has no entry {key}" + (entries.Count == 0 ? " (it has none)" : $" (it has {string.Join(", ", entries)})"));
        }

        return Encoding.UTF8.GetString(value);
    }

    private async Task<BroughtCa> ReadBroughtCaAsync(string name, CancellationToken cancellationToken)
    {
        var secret = await FindSecretAsync(name, "spec.newCa.secretRef", cancellationToken);
        foreach (var (certificate, key) in CaLayouts)
        {
            if (secret.Data?.TryGetValue(certificate, out var pem) == true && secret.Data.TryGetValue(key, out var keyPem))
            {
                return new BroughtCa(
                    new PemKeyPair(Encoding.UTF8.GetString(pem), Encoding.UTF8.GetString(keyPem)),
                    $"Secret {@namespace}/{name} entry {certificate}",
                    $"Secret {@namespace}/{name} entry {key}");
            }
        }

        throw new SpecException($"spec.newCa.secretRef: Secret {@namespace}/{name} holds neither tls.crt and tls.key nor ca_crt.pem and ca_key.pem; put the CA's certificate and key in one of those pairs");
    }

    private async Task<V1Secret> FindSecretAsync(string name, string field, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedSecretAsync(name, @namespace, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException missing) when (missing.Response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new SpecException($"{field}.name: no Secret {@namespace}/{name}; create it in the CaRotation's namespace first");
        }
        catch (HttpOperationException refused) when (refused.Response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
        {
            throw new SpecException($"{field}.name: Secret {@namespace}/{name} cannot be read by the controller ({(int)refused.Response.StatusCode}); grant it get on Secrets in {@namespace}");
        }
    }
}

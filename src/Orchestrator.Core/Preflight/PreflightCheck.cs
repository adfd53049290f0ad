using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Core.Cassandra;
using Orchestrator.Core.Cluster;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Gates;
using Orchestrator.Core.Leases;
using Orchestrator.Core.Rollouts;
using Orchestrator.Core.Rotations;
using Orchestrator.Core.Security;
using Orchestrator.Core.Specs;
using Orchestrator.Crypto;
using Orchestrator.Crypto.Certificates;

namespace Orchestrator.Core.Preflight;

/// <summary>
/// Everything checked before a rotation changes anything, using reads only: every region reachable and settled,
/// the same sound CA in every CA Secret, no rotation already half done, a usable new CA. Refusals are
/// <see cref="PreflightException"/>s whose message says what to do. The regions' clients are borrowed: the caller
/// made them, goes on using them for the Leases and the run, and disposes them. What is worth saying but no reason to
/// refuse goes to <paramref name="logger"/> as a warning.
/// </summary>
public sealed partial class PreflightCheck(RegionClusters clusters, TimeProvider time, ILogger? logger = null)
{
    /// <summary>Permission bits that let anyone but the owner at a file.</summary>
    private const UnixFileMode OthersAccess =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>How long a region may take to answer preflight's reads, retries included.</summary>
    public static readonly TimeSpan ReadBudget = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Runs every check. With <paramref name="leases"/>, each region's Lease is read first: another orchestrator at
    /// work on this CA Secret is reported as <see cref="LeaseHeldException"/> before anything else about that region.
    /// </summary>
    /// <param name="brought">A brought CA already read (from a Secret); without it, a brought CA is read from the spec's files.</param>
    public async Task<PreflightReport> RunAsync(RotationSpec spec, CancellationToken cancellationToken, LeaseCheck? leases = null, BroughtCa? brought = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var supplied = spec.NewCa.Generated ? null
            : brought is not null ? CheckCa(brought.Pair, null, brought.CertificateSource, brought.KeySource)
            : LoadSuppliedCa(spec.NewCa);

        var connected = spec.Regions.Select(region => (Region: region, Cluster: Connect(clusters, region))).ToList();
        DistinctRegions.CheckAddresses(connected.Select(region => (region.Region, region.Cluster.Server)).ToList());

        // The regions are read at once (each costs a round trip or more, and they are far apart); they are judged in
        // the spec's order, so the refusal is the one the first faulty region gives, whatever answered first.
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var readings = connected.Select(region => ReadRegionAsync(region.Cluster, region.Region, spec, leases, abandon.Token)).ToList();
        try
        {
            CaMaterial? oldCa = null;
            string? firstRegion = null;
            var reports = new List<RegionReport>();
            var distinct = new DistinctRegions();
            foreach (var ((region, cluster), reading) in connected.Zip(readings))
            {
                var (secret, snapshot) = await reading;
                distinct.CheckSecret(region, cluster.Server, secret);
                var regionCa = CheckSecret(region.Name, secret, spec);
                if (oldCa is null)
                {
                    (oldCa, firstRegion) = (regionCa, region.Name);
                    CheckNewCaDiffers(spec, oldCa, supplied);
                }
                else if (regionCa.Sha256Fingerprint != oldCa.Sha256Fingerprint)
                {
                    throw new PreflightException(
                        $"{region.Name}: Secret {secret.Namespace}/{secret.Name} holds a different ca.crt ({regionCa.Subject}, SHA-256 {regionCa.Sha256Fingerprint}) than {firstRegion} ({oldCa.Subject}, SHA-256 {oldCa.Sha256Fingerprint}); every region must run on the same CA before a rotation");
                }

                reports.Add(CheckRegion(region, spec, secret, snapshot));
            }

            if (WindowFeasibility.Problem(spec, oldCa!.NotAfter, time.GetUtcNow()) is { } unsatisfiable)
            {
                throw new WindowUnsatisfiableException(unsatisfiable);
            }

            return new PreflightReport(oldCa!, supplied, reports);
        }
        finally
        {
            // A refusal leaves the other regions' reads unneeded: stop them, and let none end unobserved.
            await abandon.CancelAsync();
            await Task.WhenAll(readings).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>One region's reads, within <see cref="ReadBudget"/>: its Lease (when asked), its CA Secret, its pods.</summary>
    private Task<(CaSecret Secret, ClusterSnapshot Snapshot)> ReadRegionAsync(IRegionCluster cluster, RegionSpec region, RotationSpec spec, LeaseCheck? leases, CancellationToken cancellationToken) =>
        ReadWithinBudgetAsync(
            cluster,
            region,
            time,
            async token =>
            {
                if (leases is not null)
                {
                    var lease = await cluster.ReadLeaseAsync(RotationLeases.LeaseName(spec), token);
                    if (LeaseDecision.Refusal(lease, leases.Me, time.GetUtcNow(), leases.ForceTakeover, leases.ProcessAlive ?? RotationLeases.IsAlive) is { } held)
                    {
                        throw new LeaseHeldException($"{region.Name}: {held}");
                    }
                }

                var secret = await cluster.ReadSecretAsync(spec.CaSecret, token);
                var snapshot = await cluster.SnapshotAsync(spec.CaSecret, token);
                return (secret, snapshot);
            },
            cancellationToken);

    /// <summary>
    /// Reads a region within <see cref="ReadBudget"/>: a region that does not answer in time, or answers with an error
    /// no retry cures, is a <see cref="PreflightException"/> naming it.
    /// </summary>
    internal static async Task<T> ReadWithinBudgetAsync<T>(IRegionReader reader, RegionSpec region, TimeProvider time, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        using var budget = new CancellationTokenSource(ReadBudget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        using var retrying = RetryDeadline.Until(time.GetUtcNow() + ReadBudget);
        try
        {
            return await read(linked.Token);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Unanswered(region.Name, reader.LastTransientFailure);
        }
        catch (ClusterException failure)
        {
            throw new PreflightException(failure.Message, failure);
        }
    }

    /// <summary>The refusal when a region's reads did not finish within <see cref="ReadBudget"/>.</summary>
    public static PreflightException Unanswered(string region, string? lastTransientFailure)
    {
        var last = lastTransientFailure is { } failure ? $" (last: {failure})" : string.Empty;
        return new PreflightException($"{region}: the API server did not answer within {GoDuration.Format(ReadBudget)}{last}; check the region is reachable with kubectl and try again");
    }

    /// <summary>The region's client; a kubeconfig or context that cannot be used is a <see cref="PreflightException"/>.</summary>
    internal static IRegionCluster Connect(RegionClusters clusters, RegionSpec region)
    {
        try
        {
            return clusters[region.Name];
        }
        catch (ClusterException failure)
        {
            throw new PreflightException(failure.Message, failure);
        }
    }

    private CaMaterial CheckSecret(string region, CaSecret secret, RotationSpec spec)
    {
        var where = $"{region}: Secret {secret.Namespace}/{secret.Name}";
        foreach (var required in new[] { TrustedEntries.Certificate, TrustedEntries.Key })
        {
            if (!secret.Data.ContainsKey(required))
            {
                throw new PreflightException($"{where} has no {required} entry; the operator needs ca.crt and ca.key (check caSecret in the spec)");
            }
        }

        var extra = secret.Data.Keys.Where(key => key != TrustedEntries.Certificate && TrustedEntries.IsTrusted(key)).Order(StringComparer.Ordinal).ToList();
        if (extra.Count > 0)
        {
            throw new PreflightException($"{where} already has an extra CA entry ({string.Join(", ", extra)}): a rotation may be under way; finish or undo it (resume or abort that rotation) before starting another");
        }

        var pair = new PemKeyPair(Encoding.UTF8.GetString(secret.Data[TrustedEntries.Certificate]), Encoding.UTF8.GetString(secret.Data[TrustedEntries.Key]));
        return CheckCa(pair, where, TrustedEntries.Certificate, TrustedEntries.Key);
    }

    /// <summary>
    /// Checks a CA's certificate and key. <paramref name="where"/> (a region's Secret) is said once, before whichever
    /// of the two is at fault: a message naming both would otherwise say it twice.
    /// </summary>
    private CaMaterial CheckCa(PemKeyPair pair, string? where, string certificateName, string keyName)
    {
        var prefix = where is null ? string.Empty : $"{where}: ";
        CertificateDetails details;
        try
        {
            details = PemCertificates.Describe(pair.CertificatePem);
        }
        catch (CryptoInputException unreadable)
        {
            throw new PreflightException($"{prefix}{certificateName} cannot be read: {unreadable.Message}");
        }

        bool matches;
        try
        {
            matches = PemCertificates.KeyMatchesCertificate(pair.CertificatePem, pair.PrivateKeyPem);
        }
        catch (CryptoInputException unreadable)
        {
            throw new PreflightException($"{prefix}{keyName} cannot be read: {unreadable.Message}");
        }

        if (!matches)
        {
            throw new PreflightException($"{prefix}{keyName} is not the private key of {certificateName} ({details.Subject}); they must be a pair");
        }

        if (!details.IsCertificateAuthority)
        {
            throw new PreflightException($"{prefix}{certificateName} ({details.Subject}) is not a CA certificate (basicConstraints CA:TRUE is missing)");
        }

        var now = time.GetUtcNow();
        if (now < details.NotBefore || now > details.NotAfter)
        {
            throw new PreflightException($"{prefix}{certificateName} ({details.Subject}) is not valid now: valid from {details.NotBefore:u} to {details.NotAfter:u}");
        }

        return CaMaterial.From(pair, details);
    }

    private CaMaterial LoadSuppliedCa(NewCaSpec newCa)
    {
        string Read(string path, string field)
        {
            try
            {
                return File.ReadAllText(path);
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
            {
                throw new PreflightException($"newCa.{field} {path}: cannot be read: {failure.Message}");
            }
        }

        var pair = new PemKeyPair(Read(newCa.CertFile!, "certFile"), Read(newCa.KeyFile!, "keyFile"));
        WarnIfOpenToOthers(newCa.KeyFile!);
        return CheckCa(pair, null, $"newCa.certFile {newCa.CertFile}", $"newCa.keyFile {newCa.KeyFile}");
    }

    /// <summary>
    /// A warning, not a refusal as for the state key: that key is this program's own, made owner-only by it, so a wider
    /// mode means something went wrong. The CA key is the user's, and may be shut off from others in ways a file's mode
    /// does not show (an owner-only directory above it); but it becomes the CA every node trusts, so it is said.
    /// </summary>
    private void WarnIfOpenToOthers(string keyFile)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        UnixFileMode mode;
        try
        {
            mode = File.GetUnixFileMode(keyFile);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            // Read a moment ago: a file that is gone now is no key to warn about.
            return;
        }

        if ((mode & OthersAccess) != 0)
        {
            LogKeyFileOpenToOthers(_logger, keyFile, Convert.ToString((int)mode, 8).PadLeft(4, '0'));
        }
    }

    /// <summary>Two CAs with the same alias collide in the truststore and break every handshake.</summary>
    private static void CheckNewCaDiffers(RotationSpec spec, CaMaterial oldCa, CaMaterial? supplied)
    {
        var oldAlias = PemCertificates.Describe(oldCa.CertificatePem).Alias ?? oldCa.Subject;
        var newAlias = supplied is null ? spec.NewCa.Alias! : PemCertificates.Describe(supplied.CertificatePem).Alias ?? supplied.Subject;
        if (string.Equals(oldAlias, newAlias, StringComparison.OrdinalIgnoreCase))
        {
            throw new PreflightException($"the new CA's alias '{newAlias}' is the alias of the current CA ({oldCa.Subject}): their truststore entries would collide and handshakes would fail; choose another alias");
        }

        if (supplied is not null && supplied.Sha256Fingerprint == oldCa.Sha256Fingerprint)
        {
            throw new PreflightException("the supplied new CA is the current CA; give a new one");
        }
    }

    private static RegionReport CheckRegion(RegionSpec region, RotationSpec spec, CaSecret secret, ClusterSnapshot snapshot)
    {
        if (snapshot.StatefulSets.Count == 0)
        {
            throw new PreflightException($"{region.Name}: no StatefulSet labelled {CassandraLabels.Selector(spec.Cluster)} in namespace {region.Namespace}; check cluster and namespace in the spec");
        }

        foreach (var set in snapshot.StatefulSets)
        {
            if (set.UpdateStrategy is not null and not "RollingUpdate" || set.Partition is > 0)
            {
                throw new PreflightException($"{region.Name}: StatefulSet {set.Name} would not replace all its pods (update strategy {set.UpdateStrategy}, partition {set.Partition}); it needs RollingUpdate with partition 0");
            }

            var pods = snapshot.Pods.Count(pod => pod.StatefulSet == set.Name && pod.Ready && !pod.Terminating);
            if (!RolloutJudge.KubectlComplete(set) || set.CurrentRevision != set.UpdateRevision || pods < set.Replicas)
            {
                throw new PreflightException($"{region.Name}: StatefulSet {set.Name} is not settled ({pods} of {set.Replicas} pods Ready, revision {set.CurrentRevision} -> {set.UpdateRevision}); wait until its rollout is complete, then start");
            }
        }

        if (snapshot.AcknowledgedChecksum != SecretChecksum.Compute(secret.Data))
        {
            throw new PreflightException($"{region.Name}: the operator has not acknowledged Secret {secret.Namespace}/{secret.Name} as it is (its {SecretChecksum.AnnotationName} annotation does not match the data); is the operator running?");
        }

        return new RegionReport(region.Name, snapshot.StatefulSets.Select(set => set.Name).ToList(), snapshot.Pods.Count, RolloutJudge.Baseline(snapshot));
    }

    [LoggerMessage(EventId = 1400, Level = LogLevel.Warning, Message = "newCa.keyFile {KeyFile} is open to other users (mode {Mode}): whoever can read it can sign certificates every node will trust; make it owner-only: chmod 600 {KeyFile}")]
    private static partial void LogKeyFileOpenToOthers(ILogger logger, string keyFile, string mode);
}

using Orchestrator.Core.Specs;
using Orchestrator.Crypto;
using Orchestrator.Crypto.Authority;

namespace Orchestrator.Core.Engine;

/// <summary>
/// The new CA's generation, begun as soon as the spec is read, so that its seconds (RSA 4096) pass while preflight
/// and the Leases talk to the regions. The key stays in memory until the generate-ca step takes it; a refused
/// preflight simply drops it.
/// </summary>
public sealed class NewCaHeadStart
{
    private readonly Task<PemKeyPair> _generation;

    private NewCaHeadStart(NewCaSpec spec, Task<PemKeyPair> generation)
    {
        Spec = spec;
        _generation = generation;
    }

    /// <summary>What the CA is generated from; the step uses it only for a rotation of the same spec.</summary>
    public NewCaSpec Spec { get; }

    /// <summary>Starts generating the CA the spec asks for; null when the spec brings its own CA.</summary>
    public static NewCaHeadStart? Begin(RotationSpec spec, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!spec.NewCa.Generated)
        {
            return null;
        }

        var options = new CertificateAuthorityOptions(spec.NewCa.Alias!, spec.NewCa.KeySize, spec.NewCa.ValidityDays);

        // A thread of its own: seconds of CPU on a pool thread would hold up the I/O of everything else queued
        // behind it (the preflight it overlaps, and a controller's other rotations starting at the same moment).
        var generation = Task.Factory.StartNew(
            () => CertificateAuthorityGenerator.Generate(options, time), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return new NewCaHeadStart(spec.NewCa, generation);
    }

    internal Task<PemKeyPair> TakeAsync(CancellationToken cancellationToken) => _generation.WaitAsync(cancellationToken);
}

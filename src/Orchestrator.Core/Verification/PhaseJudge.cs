using Orchestrator.Crypto;

namespace Orchestrator.Core.Verification;

/// <summary>
/// Decides a region's phase from its CA Secret. A rotation in the state file that recorded the CAs the Secret holds
/// decides it by their fingerprints; without one, only the certificates speak: one CA is <see cref="RotationPhase.None"/>
/// (a finished rotation looks the same), and of two CAs the one whose validity began later is taken for the new one.
/// </summary>
public static class PhaseJudge
{
    /// <param name="rotations">The state file's rotations of this cluster and Secret, newest first; the first that explains the Secret decides.</param>
    public static PhaseVerdict Judge(CaSecretInventory secret, IReadOnlyList<RecordedRotation> rotations)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(rotations);
        if (secret.Main?.Certificate is not { } main)
        {
            return Unknown("the CA Secret has no readable ca.crt");
        }

        var extras = secret.Extras;
        if (extras.FirstOrDefault(entry => entry.Certificate is null) is { } unreadable)
        {
            return Unknown($"{unreadable.Key} cannot be read");
        }

        var extraCertificates = extras.SelectMany(entry => entry.Certificates.Select(certificate => (entry.Key, Certificate: certificate))).ToList();
        foreach (var rotation in rotations)
        {
            if (Explain(rotation, main, extraCertificates) is { } verdict)
            {
                return verdict;
            }
        }

        var unrecorded = rotations.Count > 0 ? "; no rotation of this Secret in the state file holds these CAs" : string.Empty;
        return extraCertificates.Count switch
        {
            0 => new PhaseVerdict(RotationPhase.None, PhaseEvidence.Certificates, null, rotations.Count > 0
                ? $"one CA, {main.Subject}, which no rotation of this Secret in the state file recorded as its new CA"
                : $"one CA, {main.Subject}; without a state file whose rotation recorded it as its new CA, a finished rotation looks the same"),
            1 => ByValidity(main, extraCertificates[0].Key, extraCertificates[0].Certificate, unrecorded),
            _ => Unknown($"{extraCertificates.Count} extra CAs ({string.Join(", ", extras.Select(entry => entry.Label))}); the procedure has at most one{unrecorded}"),
        };
    }

    private static PhaseVerdict? Explain(RecordedRotation rotation, CertificateDetails main, List<(string Key, CertificateDetails Certificate)> extras)
    {
        var isOld = main.Sha256Fingerprint == rotation.OldCaSha256;
        var isNew = main.Sha256Fingerprint == rotation.NewCaSha256;
        if (!isOld && !isNew)
        {
            return null;
        }

        if (extras.Count == 0)
        {
            return isNew
                ? Recorded(RotationPhase.Removed, rotation, $"ca.crt alone is the new CA of rotation {rotation.Id} ({main.Subject})")
                : Recorded(RotationPhase.None, rotation, $"ca.crt alone is the old CA of rotation {rotation.Id} ({main.Subject}): not started here, or rolled back");
        }

        if (extras.Count != 1)
        {
            return null;
        }

        var (key, extra) = extras[0];
        if (isOld && extra.Sha256Fingerprint == rotation.NewCaSha256)
        {
            return Recorded(RotationPhase.Added, rotation, $"ca.crt is the old CA of rotation {rotation.Id} ({main.Subject}), {key} its new CA ({extra.Subject})");
        }

        return isNew && extra.Sha256Fingerprint == rotation.OldCaSha256
            ? Recorded(RotationPhase.Promoted, rotation, $"ca.crt is the new CA of rotation {rotation.Id} ({main.Subject}), {key} its old CA ({extra.Subject})")
            : null;
    }

    private static PhaseVerdict ByValidity(CertificateDetails main, string key, CertificateDetails extra, string unrecorded)
    {
        if (extra.Sha256Fingerprint == main.Sha256Fingerprint)
        {
            return Unknown($"{key} holds the same CA as ca.crt ({main.Subject}){unrecorded}");
        }

        var order = $"ca.crt ({main.Subject}) valid from {main.NotBefore:u}, {key} ({extra.Subject}) from {extra.NotBefore:u}";
        if (extra.NotBefore == main.NotBefore)
        {
            return Unknown($"{order}: the certificates cannot tell the old CA from the new; a state file with the rotation can{unrecorded}");
        }

        return extra.NotBefore > main.NotBefore
            ? new PhaseVerdict(RotationPhase.Added, PhaseEvidence.Certificates, null, $"{order}: the newer CA, taken for the new one, is the extra entry{unrecorded}")
            : new PhaseVerdict(RotationPhase.Promoted, PhaseEvidence.Certificates, null, $"{order}: the newer CA, taken for the new one, is the main keypair{unrecorded}");
    }

    private static PhaseVerdict Recorded(RotationPhase phase, RecordedRotation rotation, string reason) =>
        new(phase, PhaseEvidence.Rotation, rotation.Id, reason);

    private static PhaseVerdict Unknown(string reason) => new(RotationPhase.Unknown, PhaseEvidence.Certificates, null, reason);
}

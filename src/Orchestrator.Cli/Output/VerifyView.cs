using System.Text.Json.Serialization;
using Orchestrator.Core.Specs;
using Orchestrator.Core.Verification;
using Orchestrator.Crypto;

namespace Orchestrator.Cli.Output;

/// <summary>
/// <c>verify --output json</c>: <c>phase</c> (<c>none</c>, <c>added</c>, <c>promoted</c>, <c>removed</c>, <c>unknown</c>;
/// null when the regions disagree), <c>consistent</c>, <c>ok</c> (the exit code is 0 exactly when it is true),
/// <c>problems</c>, and per region its CA Secret <c>entries</c>, <c>operatorAcknowledged</c>, <c>nodeTls</c>,
/// <c>statefulSets</c> and <c>phase</c>. Certificates appear as subject, SHA-256 fingerprint and validity only.
/// </summary>
internal sealed record VerifyView(
    [property: JsonPropertyName("cluster")] string Cluster,
    [property: JsonPropertyName("caSecret")] string CaSecret,
    [property: JsonPropertyName("phase")] string? Phase,
    [property: JsonPropertyName("consistent")] bool Consistent,
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("problems")] IReadOnlyList<string> Problems,
    [property: JsonPropertyName("regions")] IReadOnlyList<VerifyView.RegionView> Regions)
{
    public static VerifyView Of(RotationSpec spec, VerificationReport report) => new(
        spec.Cluster,
        spec.CaSecret,
        report.Phase is { } phase ? PhaseNames.Of(phase) : null,
        report.Consistent,
        report.Ok,
        report.Problems,
        report.Regions.Select(RegionView.Of).ToList());

    internal sealed record RegionView(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("namespace")] string Namespace,
        [property: JsonPropertyName("phase")] string Phase,
        [property: JsonPropertyName("phaseEvidence")] string PhaseEvidence,
        [property: JsonPropertyName("rotation")] string? Rotation,
        [property: JsonPropertyName("phaseReason")] string PhaseReason,
        [property: JsonPropertyName("operatorAcknowledged")] bool OperatorAcknowledged,
        [property: JsonPropertyName("entries")] IReadOnlyList<EntryView> Entries,
        [property: JsonPropertyName("nodeTls")] NodeTlsView? NodeTls,
        [property: JsonPropertyName("statefulSets")] IReadOnlyList<StatefulSetView> StatefulSets,
        [property: JsonPropertyName("problems")] IReadOnlyList<string> Problems,
        [property: JsonPropertyName("notes")] IReadOnlyList<string> Notes)
    {
        public static RegionView Of(RegionVerification region) => new(
            region.Region,
            region.Namespace,
            PhaseNames.Of(region.Phase.Phase),
            region.Phase.Evidence.ToString().ToLowerInvariant(),
            region.Phase.Rotation?.ToString(),
            region.Phase.Reason,
            region.OperatorAcknowledged,
            region.Entries.Where(entry => entry.IsTrusted).SelectMany(EntryView.Of).ToList(),
            region.NodeTls is { } node ? NodeTlsView.Of(node) : null,
            region.StatefulSets.Select(StatefulSetView.Of).ToList(),
            region.Problems,
            region.Notes);
    }

    /// <summary>One certificate of a <c>ca.crt</c> or <c>*.crt</c> entry (a bundle gives one per certificate).</summary>
    internal sealed record EntryView(
        [property: JsonPropertyName("key")] string Key,
        [property: JsonPropertyName("subject")] string? Subject,
        [property: JsonPropertyName("sha256")] string? Sha256,
        [property: JsonPropertyName("notBefore")] string? NotBefore,
        [property: JsonPropertyName("notAfter")] string? NotAfter,
        [property: JsonPropertyName("problem")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Problem)
    {
        public static IEnumerable<EntryView> Of(CaEntry entry) =>
            entry.Certificates.Count == 0
                ? [new EntryView(entry.Key, null, null, null, null, entry.Problem ?? "no certificate")]
                : entry.Certificates.Select(certificate => Of(entry.Key, certificate));

        private static EntryView Of(string key, CertificateDetails certificate) =>
            new(key, certificate.Subject, certificate.Sha256Fingerprint, Times.Iso(certificate.NotBefore), Times.Iso(certificate.NotAfter), null);
    }

    internal sealed record NodeTlsView(
        [property: JsonPropertyName("secret")] string Secret,
        [property: JsonPropertyName("subject")] string? Subject,
        [property: JsonPropertyName("issuer")] string? Issuer,
        [property: JsonPropertyName("sha256")] string? Sha256,
        [property: JsonPropertyName("notAfter")] string? NotAfter,
        [property: JsonPropertyName("signedBy")] string? SignedBy,
        [property: JsonPropertyName("truststoreComplete")] bool TruststoreComplete,
        [property: JsonPropertyName("truststoreMissing")] IReadOnlyList<AnchorView> Missing,
        [property: JsonPropertyName("truststoreExtra")] IReadOnlyList<AnchorView> Extra,
        [property: JsonPropertyName("matches")] bool Matches)
    {
        public static NodeTlsView Of(NodeTlsReport node) => new(
            node.Secret,
            node.Certificate?.Subject,
            node.Certificate?.Issuer,
            node.Certificate?.Sha256Fingerprint,
            Times.Iso(node.Certificate?.NotAfter),
            node.SignedBy,
            node.TruststoreComplete,
            node.Missing.Select(AnchorView.Of).ToList(),
            node.Extra.Select(AnchorView.Of).ToList(),
            node.Problems.Count == 0);
    }

    internal sealed record AnchorView(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("subject")] string Subject,
        [property: JsonPropertyName("sha256")] string Sha256)
    {
        public static AnchorView Of(TrustAnchor anchor) => new(anchor.Name, anchor.Subject, anchor.Sha256);
    }

    internal sealed record StatefulSetView(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("replicas")] int Replicas,
        [property: JsonPropertyName("ready")] int Ready,
        [property: JsonPropertyName("updated")] int Updated,
        [property: JsonPropertyName("currentRevision")] string? CurrentRevision,
        [property: JsonPropertyName("updateRevision")] string? UpdateRevision,
        [property: JsonPropertyName("complete")] bool Complete,
        [property: JsonPropertyName("settled")] bool Settled)
    {
        public static StatefulSetView Of(StatefulSetRollout set) =>
            new(set.Name, set.Replicas, set.Ready, set.Updated, set.CurrentRevision, set.UpdateRevision, set.Complete, set.Settled);
    }
}

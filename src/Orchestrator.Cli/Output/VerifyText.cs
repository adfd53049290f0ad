using System.Globalization;
using System.Text;
using Orchestrator.Core.Specs;
using Orchestrator.Core.Verification;

namespace Orchestrator.Cli.Output;

/// <summary><c>verify</c> as text: per region its CA Secret, operator, node TLS Secret and StatefulSets, then the verdict and every problem.</summary>
internal static class VerifyText
{
    public static string Format(RotationSpec spec, VerificationReport report, DateTimeOffset now)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"Cluster {spec.Cluster}, CA Secret {spec.CaSecret}\n");
        foreach (var region in report.Regions)
        {
            text.Append('\n').Append(CultureInfo.InvariantCulture, $"{region.Region} (namespace {region.Namespace}): phase {PhaseNames.Of(region.Phase.Phase)}, {region.Phase.Reason}\n");
            var entries = new TextTable("ENTRY", "SUBJECT", "SHA-256", "EXPIRES");
            foreach (var entry in region.Entries.Where(entry => entry.IsTrusted))
            {
                if (entry.Certificates.Count == 0)
                {
                    entries.Add(entry.Key, $"unreadable: {entry.Problem}", null, null);
                }

                foreach (var certificate in entry.Certificates)
                {
                    entries.Add(entry.Key, certificate.Subject, certificate.Sha256Fingerprint, Expiry(certificate.NotAfter, now));
                }
            }

            Indent(text, entries.ToString());
            text.Append(CultureInfo.InvariantCulture, $"  operator acknowledged the current data: {(region.OperatorAcknowledged ? "yes" : "NO")}\n");
            text.Append("  ").Append(NodeTls(region)).Append('\n');
            var sets = new TextTable("STATEFULSET", "READY", "UPDATED", "REVISION", "ROLLOUT");
            foreach (var set in region.StatefulSets)
            {
                sets.Add(
                    set.Name,
                    $"{set.Ready}/{set.Replicas}",
                    $"{set.Updated}/{set.Replicas}",
                    set.CurrentRevision == set.UpdateRevision ? set.UpdateRevision : $"{set.CurrentRevision ?? "-"} -> {set.UpdateRevision ?? "-"}",
                    set.Settled ? "complete" : "in progress");
            }

            Indent(text, sets.ToString());
            foreach (var note in region.Notes)
            {
                text.Append(CultureInfo.InvariantCulture, $"  note: {note}\n");
            }
        }

        text.Append('\n').Append(Verdict(report)).Append('\n');
        foreach (var problem in report.Problems)
        {
            text.Append(CultureInfo.InvariantCulture, $"  - {problem}\n");
        }

        return text.ToString();
    }

    private static string Verdict(VerificationReport report)
    {
        var phase = report.Phase is { } common
            ? $"every region is in phase {PhaseNames.Of(common)}"
            : $"the regions disagree ({string.Join(", ", report.Regions.Select(region => $"{region.Region} {PhaseNames.Of(region.Phase.Phase)}"))})";
        return report.Ok
            ? $"Verdict: OK: {phase}; every node TLS Secret matches its CA Secret, which the operator has acknowledged"
            : $"Verdict: FAILED: {phase}; {report.Problems.Count} problem(s):";
    }

    private static string NodeTls(RegionVerification region)
    {
        if (region.NodeTls is not { } node)
        {
            return "node TLS Secret: not read";
        }

        var certificate = node.Certificate is { } details
            ? $"tls.crt {details.Subject}, signed by {(node.SignedBy is { } key ? Label(region, key) : $"none of the CA Secret's CAs (issuer {details.Issuer})")}"
            : "tls.crt unreadable";
        var truststore = node.TruststoreComplete
            ? node.Extra.Count == 0 ? "truststore.p12 holds every *.crt entry" : $"truststore.p12 holds every *.crt entry and {node.Extra.Count} CA(s) more"
            : node.Missing.Count > 0 ? $"truststore.p12 lacks {string.Join(", ", node.Missing.Select(anchor => $"{anchor.Name} ({anchor.Subject})"))}" : "truststore.p12 unreadable";
        return $"node TLS Secret {node.Secret}: {certificate}; {truststore}";
    }

    private static string Label(RegionVerification region, string key) =>
        region.Entries.FirstOrDefault(entry => entry.Key == key)?.Label ?? key;

    private static string Expiry(DateTimeOffset notAfter, DateTimeOffset now) =>
        notAfter < now ? $"{Times.Short(notAfter)} (EXPIRED)" : Times.Short(notAfter);

    private static void Indent(StringBuilder text, string block)
    {
        foreach (var line in block.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            text.Append("  ").Append(line).Append('\n');
        }
    }
}

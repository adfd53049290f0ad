using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Crypto;
using Orchestrator.Crypto.Authority;
using Orchestrator.Crypto.NodeTls;
using Orchestrator.Simulator.Audit;
using Orchestrator.Simulator.Storage;
using Orchestrator.Simulator.Tests.Support;
using Orchestrator.Simulator.Trust;

using Orchestrator.Testing;

namespace Orchestrator.Simulator.Tests.Trust;

public sealed class TrustCheckerTests : IClassFixture<TrustCheckerTests.Authorities>, IDisposable
{
    private readonly Authorities _authorities;
    private readonly RegionStore _store = new("region1", TimeProvider.System);
    private readonly TemporaryDirectory _directory = new();
    private readonly JsonLinesFile _log;
    private readonly TrustChecker _checker;
    private int _secrets;

    public TrustCheckerTests(Authorities authorities)
    {
        _authorities = authorities;
        _store.Create(ResourceTypes.Namespaces, null, new V1Namespace { Metadata = new V1ObjectMeta { Name = "db" } });
        _log = new JsonLinesFile(_directory.File("trust.jsonl"));
        _checker = new TrustChecker(_log, TimeProvider.System, NullLogger.Instance);
    }

    public void Dispose()
    {
        _log.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void PodStarted_SameNodeSecret_NoViolation()
    {
        var secret = NodeSecret(_authorities.Old, _authorities.Old);
        Start("a", secret);
        Start("b", secret);
        Start("c", secret);

        Assert.Empty(_checker.Violations);
        Assert.Empty(File.ReadAllLines(_log.Path));
    }

    [Fact]
    public void PodStarted_PodsOfConsecutivePhasesSideBySide_NoViolation()
    {
        // Phase 1 pods present old-signed certificates and trust both CAs; phase 2 pods present new-signed ones and
        // trust both; phase 3 pods trust only the new CA, which every phase 2 pod presents.
        Start("added", NodeSecret(_authorities.Old, _authorities.Old, _authorities.New));
        Start("promoted", NodeSecret(_authorities.New, _authorities.New, _authorities.Old));
        _checker.PodStopped(Start("added-later", NodeSecret(_authorities.Old, _authorities.Old, _authorities.New)).Uid);
        _checker.PodStopped(Find("added"));
        Start("removed", NodeSecret(_authorities.New, _authorities.New));

        Assert.Empty(_checker.Violations);
    }

    [Fact]
    public void PodStarted_PromotedPodBesidePodThatNeverTrustedTheNewCa_NamesWhoRefusesWhom()
    {
        Start("untouched", NodeSecret(_authorities.Old, _authorities.Old));
        Start("promoted", NodeSecret(_authorities.New, _authorities.New, _authorities.Old));

        var violation = Assert.Single(_checker.Violations);
        Assert.Equal(["promoted", "untouched"], new[] { violation.PodA.Name, violation.PodB.Name }.Order());
        Assert.Contains("region1/untouched does not accept the certificate of region1/promoted", violation.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void PodStarted_NewCaPromotedWhereOldPodsLackIt_ReportsEveryPairOnceWithReason()
    {
        var old = NodeSecret(_authorities.Old, _authorities.Old);
        for (var i = 0; i < 5; i++)
        {
            Start($"old-{i}", old);
        }

        var promoted = NodeSecret(_authorities.New, _authorities.New, _authorities.Old);
        Start("new-0", promoted);
        Start("new-1", promoted);

        Assert.Equal(10, _checker.Violations.Count);
        var lines = File.ReadAllLines(_log.Path).Select(line => JsonNode.Parse(line)!).ToList();
        Assert.Equal(10, lines.Count);
        Assert.All(lines, line =>
        {
            Assert.NotNull(line["time"]);
            Assert.Equal("region1", line["podA"]!["region"]!.GetValue<string>());
            Assert.Contains("O=ca2", line["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        });
        Assert.Equal(10, _checker.Violations.Select(v => (v.PodA.Uid, v.PodB.Uid)).Distinct().Count());
    }

    [Fact]
    public void PodStopped_StoppedPodsAreNoLongerChecked()
    {
        var oldPod = Start("old-0", NodeSecret(_authorities.Old, _authorities.Old));
        _checker.PodStopped(oldPod.Uid);

        Start("new-0", NodeSecret(_authorities.New, _authorities.New));

        Assert.Empty(_checker.Violations);
    }

    [Fact]
    public void PodStarted_TwoCasWithTheSameAlias_TruststoreKeepsOneAndTrustBreaks()
    {
        // Both CAs are O=ca1: in the truststore the later entry replaces the earlier, as in a Java keystore.
        Start("old", NodeSecret(_authorities.Old, _authorities.Old));
        Start("clash", NodeSecret(_authorities.Old, _authorities.Old, _authorities.OldNamesake));

        Assert.NotEmpty(_checker.Violations);
    }

    private readonly Dictionary<string, string> _uids = [];

    private RunningPod Start(string name, StoredObject secret)
    {
        var pod = new RunningPod("region1", "db", name, Guid.NewGuid().ToString());
        _uids[name] = pod.Uid;
        _checker.PodStarted(pod, "region1", secret);
        return pod;
    }

    private string Find(string name) => _uids[name];

    private StoredObject NodeSecret(PemKeyPair signer, params PemKeyPair[] trusted)
    {
        var material = NodeTlsIssuer.Issue(
            signer.CertificatePem,
            signer.PrivateKeyPem,
            trusted.Select(ca => ca.CertificatePem).ToList(),
            "node",
            ["*.example.svc"],
            TimeProvider.System);
        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = $"node-{_secrets++}" },
            Data = new Dictionary<string, byte[]>
            {
                ["tls.crt"] = Encoding.UTF8.GetBytes(material.CertificatePem),
                ["truststore.p12"] = material.Truststore,
                ["truststore.password"] = Encoding.UTF8.GetBytes(material.TruststorePassword),
            },
        };
        return _store.Create(ResourceTypes.Secrets, "db", secret);
    }

    /// <summary>Three CAs made once for the class: old (O=ca1), new (O=ca2) and a second O=ca1.</summary>
    public sealed class Authorities
    {
        public PemKeyPair Old { get; } = CertificateAuthorityGenerator.Generate(new CertificateAuthorityOptions("ca1", 2048), TimeProvider.System);

        public PemKeyPair New { get; } = CertificateAuthorityGenerator.Generate(new CertificateAuthorityOptions("ca2", 2048), TimeProvider.System);

        public PemKeyPair OldNamesake { get; } = CertificateAuthorityGenerator.Generate(new CertificateAuthorityOptions("ca1", 2048), TimeProvider.System);
    }
}

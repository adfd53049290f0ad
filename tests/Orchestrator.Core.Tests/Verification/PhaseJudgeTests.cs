using System.Text;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Core.Rotations;
using Orchestrator.Core.Tests.Support;
using Orchestrator.Core.Verification;
using Orchestrator.Crypto;
using Orchestrator.Crypto.Authority;

namespace Orchestrator.Core.Tests.Verification;

public sealed class PhaseJudgeTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2030-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    // Two CAs whose validity begins a day apart, for the verdicts that only the certificates can give.
    private static readonly Lazy<(PemKeyPair Earlier, PemKeyPair Later)> Dated = new(() =>
    {
        var time = new FakeTimeProvider(Now.AddYears(-1));
        var earlier = CertificateAuthorityGenerator.Generate(new CertificateAuthorityOptions("early", 2048), time);
        time.Advance(TimeSpan.FromDays(1));
        return (earlier, CertificateAuthorityGenerator.Generate(new CertificateAuthorityOptions("late", 2048), time));
    });

    private static RecordedRotation Recorded => new(RotationId.Parse("rot-1"), Samples.OldCa.Sha256Fingerprint, Samples.NewCa.Sha256Fingerprint);

    [Fact]
    public void Judge_OneCaNoStateFile_NoneFromTheCertificates()
    {
        var verdict = PhaseJudge.Judge(Secret(Samples.OldCa), []);

        Assert.Equal((RotationPhase.None, PhaseEvidence.Certificates, null), (verdict.Phase, verdict.Evidence, verdict.Rotation));
        Assert.Contains("a finished rotation looks the same", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_OldCaMainNewCaExtra_AddedByTheRecordedRotation() =>
        AssertRecorded(PhaseJudge.Judge(Secret(Samples.OldCa, Samples.NewCa), [Recorded]), RotationPhase.Added);

    [Fact]
    public void Judge_NewCaMainOldCaExtra_PromotedByTheRecordedRotation() =>
        AssertRecorded(PhaseJudge.Judge(Secret(Samples.NewCa, Samples.OldCa), [Recorded]), RotationPhase.Promoted);

    [Fact]
    public void Judge_NewCaAlone_RemovedByTheRecordedRotation() =>
        AssertRecorded(PhaseJudge.Judge(Secret(Samples.NewCa), [Recorded]), RotationPhase.Removed);

    [Fact]
    public void Judge_OldCaAloneWithARecordedRotation_NoneNotStartedOrRolledBack()
    {
        var verdict = PhaseJudge.Judge(Secret(Samples.OldCa), [Recorded]);

        AssertRecorded(verdict, RotationPhase.None);
        Assert.Contains("rolled back", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_NewestRotationExplainsTheSecret_ItDecides()
    {
        var next = new RecordedRotation(RotationId.Parse("rot-2"), Samples.NewCa.Sha256Fingerprint, Samples.StrangerCa.Sha256Fingerprint);

        // The first rotation's new CA alone is also the next rotation's start, not yet changed.
        var verdict = PhaseJudge.Judge(Secret(Samples.NewCa), [next, Recorded]);

        Assert.Equal((RotationPhase.None, RotationId.Parse("rot-2")), (verdict.Phase, verdict.Rotation));
    }

    [Fact]
    public void Judge_RotationOfOtherCas_FallsBackToTheCertificatesAndSaysSo()
    {
        var verdict = PhaseJudge.Judge(Secret(Samples.StrangerCa), [Recorded]);

        Assert.Equal((RotationPhase.None, PhaseEvidence.Certificates), (verdict.Phase, verdict.Evidence));
        Assert.Contains("no rotation of this Secret in the state file recorded", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_NoStateFileExtraIsTheNewerCa_AddedFromTheCertificates()
    {
        var verdict = PhaseJudge.Judge(Secret(Dated.Value.Earlier, Dated.Value.Later), []);

        Assert.Equal((RotationPhase.Added, PhaseEvidence.Certificates), (verdict.Phase, verdict.Evidence));
    }

    [Fact]
    public void Judge_NoStateFileMainIsTheNewerCa_PromotedFromTheCertificates()
    {
        var verdict = PhaseJudge.Judge(Secret(Dated.Value.Later, Dated.Value.Earlier), []);

        Assert.Equal((RotationPhase.Promoted, PhaseEvidence.Certificates), (verdict.Phase, verdict.Evidence));
    }

    [Fact]
    public void Judge_TwoCasOfTheSameSecondNoStateFile_UnknownAskingForTheStateFile()
    {
        var time = new FakeTimeProvider(Now);
        var first = CertificateAuthorityGenerator.Generate(new CertificateAuthorityOptions("one", 2048), time);
        var second = CertificateAuthorityGenerator.Generate(new CertificateAuthorityOptions("two", 2048), time);

        var verdict = PhaseJudge.Judge(Secret(first, second), []);

        Assert.Equal(RotationPhase.Unknown, verdict.Phase);
        Assert.Contains("a state file with the rotation can", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_TwoExtraCas_Unknown()
    {
        var data = Data(Samples.OldCa);
        data["ca2.crt"] = Encoding.UTF8.GetBytes(Samples.NewCa.CertificatePem);
        data["ca3.crt"] = Encoding.UTF8.GetBytes(Samples.StrangerCa.CertificatePem);

        var verdict = PhaseJudge.Judge(CaSecretInventory.Read(data, Now), [Recorded]);

        Assert.Equal(RotationPhase.Unknown, verdict.Phase);
        Assert.Contains("2 extra CAs", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_NoCaCrt_Unknown()
    {
        var data = new Dictionary<string, byte[]> { ["ca2.crt"] = Encoding.UTF8.GetBytes(Samples.NewCa.CertificatePem) };

        var verdict = PhaseJudge.Judge(CaSecretInventory.Read(data, Now), [Recorded]);

        Assert.Equal(RotationPhase.Unknown, verdict.Phase);
    }

    [Fact]
    public void Judge_ExtraEntryNotNamedCrt_NotTrustedSoNotCounted()
    {
        var data = Data(Samples.NewCa);
        data["ca2.pem"] = Encoding.UTF8.GetBytes(Samples.OldCa.CertificatePem);

        AssertRecorded(PhaseJudge.Judge(CaSecretInventory.Read(data, Now), [Recorded]), RotationPhase.Removed);
    }

    private static void AssertRecorded(PhaseVerdict verdict, RotationPhase phase) =>
        Assert.Equal((phase, PhaseEvidence.Rotation, RotationId.Parse("rot-1")), (verdict.Phase, verdict.Evidence, verdict.Rotation));

    private static CaSecretInventory Secret(CaMaterial main, CaMaterial? extra = null)
    {
        var data = Data(main);
        if (extra is not null)
        {
            data["ca2.crt"] = Encoding.UTF8.GetBytes(extra.CertificatePem);
        }

        return CaSecretInventory.Read(data, Now);
    }

    private static CaSecretInventory Secret(PemKeyPair main, PemKeyPair extra) =>
        CaSecretInventory.Read(
            new Dictionary<string, byte[]>
            {
                ["ca.crt"] = Encoding.UTF8.GetBytes(main.CertificatePem),
                ["ca.key"] = Encoding.UTF8.GetBytes(main.PrivateKeyPem),
                ["ca2.crt"] = Encoding.UTF8.GetBytes(extra.CertificatePem),
            },
            Now);

    private static Dictionary<string, byte[]> Data(CaMaterial main) => new()
    {
        ["ca.crt"] = Encoding.UTF8.GetBytes(main.CertificatePem),
        ["ca.key"] = Encoding.UTF8.GetBytes(main.PrivateKey.Reveal()),
    };
}

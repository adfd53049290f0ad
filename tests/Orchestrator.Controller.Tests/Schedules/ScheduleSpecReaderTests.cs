using Orchestrator.Controller.Resources;
using Orchestrator.Controller.Schedules;
using Orchestrator.Core.Specs;

namespace Orchestrator.Controller.Tests.Schedules;

/// <summary>A schedule's spec: defaults, and every problem named by its field with what to do, all at once.</summary>
public sealed class ScheduleSpecReaderTests
{
    private static readonly CaRotationSpec Template = new(
        "example-cluster",
        "cassandra",
        "example-cluster-manual-tls-ca",
        null,
        new NewCaSource("ca-{yyyyMMdd}", 2048, null, null),
        [new RegionSource("region1", null, null, null)],
        null,
        null);

    [Fact]
    public void Read_Defaults_720hAndAHistoryOfThree()
    {
        var settings = ScheduleSpecReader.Read(new CaRotationScheduleSpec(Template));

        Assert.Equal(TimeSpan.FromHours(720), settings.Renewal.Ahead);
        Assert.Equal(3, settings.HistoryLimit);
        Assert.Equal("ca-20260304", settings.SpecAt(new DateTimeOffset(2026, 3, 4, 23, 0, 0, TimeSpan.Zero)).NewCa.Alias);
    }

    [Fact]
    public void Read_Percentage_IsKept()
    {
        Assert.Equal(20, ScheduleSpecReader.Read(new CaRotationScheduleSpec(Template, RenewBeforePercentage: 20)).Renewal.Percentage);
    }

    [Theory]
    [InlineData("720h", 10, null, "spec: give renewBefore or renewBeforePercentage, not both")]
    [InlineData("30d", null, null, "spec.renewBefore: '30d' is not a positive duration; use hours, minutes and seconds as Kubernetes writes them, e.g. 720h")]
    [InlineData("-1h", null, null, "spec.renewBefore: '-1h' is not a positive duration")]
    [InlineData(null, 100, null, "spec.renewBeforePercentage: 100 is out of range; use 1 to 99")]
    [InlineData(null, 0, null, "spec.renewBeforePercentage: 0 is out of range")]
    [InlineData(null, null, 0, "spec.historyLimit: 0 is out of range; keep between 1 and 100")]
    [InlineData("87600h", null, null, "spec.renewBefore: 87600h is not shorter than a new CA's validity (3650 days)")]
    public void Read_BadScheduleField_IsNamedWithWhatToDo(string? renewBefore, int? percentage, int? historyLimit, string expected)
    {
        var refused = Assert.Throws<SpecException>(() => ScheduleSpecReader.Read(new CaRotationScheduleSpec(Template, renewBefore, percentage, historyLimit)));

        Assert.Contains(refused.Problems, problem => problem.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_BadTemplate_EveryProblemUnderSpecTemplate()
    {
        var template = Template with
        {
            Cluster = "Not_A_Name",
            NewCa = new NewCaSource("ca2", 1024, null, null),
            Regions = [new RegionSource("region1", null, "ctx", null)],
            Abort = true,
            ApprovedStep = 3,
        };

        var problems = Assert.Throws<SpecException>(() => ScheduleSpecReader.Read(new CaRotationScheduleSpec(template))).Problems;

        Assert.Contains(problems, problem => problem.StartsWith("spec.template.cluster: ", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("spec.template.newCa.alias: 'ca2' has no date placeholder", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("spec.template.regions[0].context: applies only with kubeconfigSecretRef", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("spec.template.abort: a scheduled rotation cannot start aborted", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("spec.template.approvedStep: ", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, problem => problem.StartsWith("spec.newCa", StringComparison.Ordinal) || problem.StartsWith("spec.regions", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_ValidPatternButBadKeySize_IsTheTemplatesMessage()
    {
        var template = Template with { NewCa = new NewCaSource("ca-{yyyyMMdd}", 1024, null, null) };

        var problem = Assert.Single(Assert.Throws<SpecException>(() => ScheduleSpecReader.Read(new CaRotationScheduleSpec(template))).Problems);

        Assert.StartsWith("spec.template.newCa.keySize: 1024 is below 2048", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BroughtCa_IsRefused()
    {
        var template = Template with { NewCa = new NewCaSource(null, null, null, new SecretNameReference("my-ca")) };

        var problem = Assert.Single(Assert.Throws<SpecException>(() => ScheduleSpecReader.Read(new CaRotationScheduleSpec(template))).Problems);

        Assert.StartsWith("spec.template.newCa.secretRef: a schedule generates each new CA", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoTemplate_SaysWhatToGive()
    {
        var problem = Assert.Single(Assert.Throws<SpecException>(() => ScheduleSpecReader.Read(new CaRotationScheduleSpec(null!))).Problems);

        Assert.StartsWith("spec.template: is required: give the spec of the CaRotations to create", problem, StringComparison.Ordinal);
    }
}

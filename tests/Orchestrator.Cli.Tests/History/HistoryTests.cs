using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.History;

/// <summary><c>history</c> after real rotations: every transition and step attempt, in order, and nothing secret.</summary>
public sealed class HistoryTests(HistoryFixture fixture) : IClassFixture<HistoryFixture>
{
    private static readonly string[] Fields = ["attempt", "durationSeconds", "from", "kind", "reason", "region", "step", "stepName", "time", "to", "trigger"];

    private static readonly string[] StepNames = ["generate-ca", "add-new-ca", "wait-rollout", "promote-new-ca", "wait-rollout", "remove-old-ca", "wait-rollout"];

    [Fact]
    public async Task History_SucceededRotation_JsonHasEveryTransitionAndStepAttemptInTimeOrder()
    {
        var entries = HistoryFixture.Entries(await fixture.HistoryAsync(fixture.SucceededId, "json"));

        Assert.All(entries, entry => Assert.Equal(Fields, entry.Select(pair => pair.Key).Order(StringComparer.Ordinal)));
        var times = entries.Select(Time).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Equal(
            [(null, "Pending", "Create"), ("Pending", "Running", "Start"), ("Running", "Succeeded", "Complete")],
            Transitions(entries));
        Assert.Equal("Transition", Kind(entries[0]));
        Assert.Equal(("Complete", "every step succeeded"), (Text(entries[^1], "trigger"), Text(entries[^1], "reason")));

        var steps = entries.Where(entry => Kind(entry) != "Transition").ToList();
        Assert.Equal(2 * StepNames.Length, steps.Count);
        for (var number = 1; number <= StepNames.Length; number++)
        {
            var (begin, end) = (steps[(2 * number) - 2], steps[(2 * number) - 1]);
            Assert.Equal(("StepStarted", number, StepNames[number - 1], 1, "Pending", "Running"), (Kind(begin), Number(begin, "step"), Text(begin, "stepName"), Number(begin, "attempt"), Text(begin, "from"), Text(begin, "to")));
            Assert.Equal(("StepFinished", number, StepNames[number - 1], 1, "Running", "Succeeded"), (Kind(end), Number(end, "step"), Text(end, "stepName"), Number(end, "attempt"), Text(end, "from"), Text(end, "to")));
            Assert.Equal(number == 1 ? null : "region1", Text(end, "region"));
            Assert.Null(begin["durationSeconds"]);
            // The entries are written just after the step's own start and finish times are taken: the two spans agree closely.
            Assert.InRange(end["durationSeconds"]!.GetValue<double>(), 0, (Time(end) - Time(begin)).TotalSeconds + 0.25);
        }

        Assert.StartsWith("generated RSA 2048: O=ca2", Text(steps[1], "reason"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_SucceededRotation_TextIsATableWithARowPerEntry()
    {
        var text = (await fixture.HistoryAsync(fixture.SucceededId)).Output;

        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal($"Rotation {fixture.SucceededId} (cluster example-cluster, now Succeeded): 17 entries", lines[0]);
        Assert.Equal(string.Empty, lines[1]);
        Assert.Matches("^TIME +EVENT +STEP +REGION +ATTEMPT +FROM -> TO +TRIGGER +TOOK +REASON$", lines[2]);
        Assert.Equal(3 + 17, lines.Length);
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}Z +transition +- +- +- +- -> Pending +Create +- +created from the spec for cluster example-cluster; current CA O=ca1$", lines[3]);
        Assert.Contains("Pending -> Running", lines[4], StringComparison.Ordinal);
        Assert.Matches(@"^\S+ \S+ +step finished +7 wait-rollout +region1 +1 +Running -> Succeeded +- +\d+(\.\d)?s +\S", lines[^2]);
        Assert.Matches(@"transition +- +- +- +Running -> Succeeded +Complete +- +every step succeeded$", lines[^1]);
    }

    [Fact]
    public async Task History_FailedThenResumed_ShowsTheFailedAttemptWithItsErrorAndTheSecondAttempt()
    {
        var json = await fixture.HistoryAsync(fixture.ResumedId, "json");
        var text = (await fixture.HistoryAsync(fixture.ResumedId)).Output;

        var entries = HistoryFixture.Entries(json);
        Assert.Equal(
            [(null, "Pending", "Create"), ("Pending", "Running", "Start"), ("Running", "Failed", "Fail"), ("Failed", "Running", "Resume"), ("Running", "Succeeded", "Complete")],
            Transitions(entries));
        var wait = entries.Where(entry => Kind(entry) != "Transition" && Number(entry, "step") == 3).ToList();
        Assert.Equal(
            [("StepStarted", 1, "Pending", "Running"), ("StepFinished", 1, "Running", "Failed"), ("StepStarted", 2, "Failed", "Running"), ("StepFinished", 2, "Running", "Succeeded")],
            wait.Select(entry => (Kind(entry), Number(entry, "attempt"), Text(entry, "from"), Text(entry, "to"))));
        var error = Text(wait[1], "reason")!;
        Assert.Contains("StatefulSet example-cluster-cassandra-dc1", error, StringComparison.Ordinal);
        Assert.Contains(HistoryFixture.StuckPod, error, StringComparison.Ordinal);
        Assert.InRange(wait[1]["durationSeconds"]!.GetValue<double>(), HistoryFixture.WaitTimeoutSeconds - 0.5, 120);
        var fail = entries.Single(entry => Text(entry, "trigger") == "Fail");
        Assert.StartsWith("step 3 (wait-rollout region1) failed: ", Text(fail, "reason"), StringComparison.Ordinal);
        var times = entries.Select(Time).ToList();
        Assert.Equal(times.Order(), times);

        // Every other step ran once; the failure sits between the failed attempt and the resume.
        Assert.Equal(2 + (2 * StepNames.Length) + 5, entries.Count);
        Assert.True(entries.IndexOf(wait[1]) < entries.IndexOf(fail) && entries.IndexOf(fail) < entries.IndexOf(wait[2]));
        Assert.StartsWith($"Rotation {fixture.ResumedId} (cluster example-cluster, now Succeeded): 21 entries", text, StringComparison.Ordinal);
        Assert.Matches(@"(?m)step finished +3 wait-rollout +region1 +1 +Running -> Failed +- +\d+(\.\d)?s +.*" + HistoryFixture.StuckPod, text);
        Assert.Matches(@"transition +- +- +- +Failed -> Running +Resume +- +\S", text);
    }

    [Fact]
    public void History_WhileTheRotationRuns_ReadsTheStateFileUpToTheRunningStep()
    {
        Assert.True(fixture.RanThroughout, "the rotation ended before history had read it, though a stuck pod held its wait");
        Assert.True(fixture.WhileRunning.ExitCode == 0, fixture.WhileRunning.ToString());
        var entries = HistoryFixture.Entries(fixture.WhileRunning);

        Assert.Equal([(null, "Pending", "Create"), ("Pending", "Running", "Start")], Transitions(entries));
        var last = entries.Where(entry => Kind(entry) != "Transition").Last();
        Assert.Equal(("StepStarted", 3, "wait-rollout"), (Kind(last), Number(last, "step"), Text(last, "stepName")));
    }

    [Fact]
    public async Task History_AnyOutput_HoldsNoKeyMaterial()
    {
        var outputs = new List<ProcessOutcome>(fixture.Runs) { fixture.WhileRunning };
        foreach (var id in new[] { fixture.SucceededId, fixture.ResumedId })
        {
            outputs.Add(await fixture.HistoryAsync(id));
            outputs.Add(await fixture.HistoryAsync(id, "json"));
        }

        var key = fixture.Clusters.SecretData("region1")["ca.key"];
        var keyBody = key.Split('\n')[1];
        Assert.All(outputs, outcome =>
        {
            Assert.DoesNotContain("PRIVATE KEY", outcome.Output + outcome.Error, StringComparison.Ordinal);
            Assert.DoesNotContain(keyBody, outcome.Output + outcome.Error, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task History_UnknownRotation_Exit2SayingToRunList()
    {
        var outcome = await OrchestratorProcess.RunAsync(["history", "rot-nope", "--state", fixture.Clusters.StatePath]);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal($"error: no rotation rot-nope in state file {fixture.Clusters.StatePath}; see orchestrator list --state {fixture.Clusters.StatePath}", outcome.Error.Trim());
        Assert.Empty(outcome.Output);
    }

    [Fact]
    public async Task History_NoId_Exit2()
    {
        var outcome = await OrchestratorProcess.RunAsync(["history", "--state", fixture.Clusters.StatePath]);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Empty(outcome.Output);
    }

    private static List<(string? From, string? To, string? Trigger)> Transitions(List<JsonObject> entries) =>
        entries.Where(entry => Kind(entry) == "Transition").Select(entry => (Text(entry, "from"), Text(entry, "to"), Text(entry, "trigger"))).ToList();

    private static DateTimeOffset Time(JsonObject entry) =>
        DateTimeOffset.Parse(entry["time"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static string Kind(JsonObject entry) => entry["kind"]!.GetValue<string>();

    private static int Number(JsonObject entry, string field) => entry[field]!.GetValue<int>();

    private static string? Text(JsonObject entry, string field) => entry[field]?.GetValue<string>();
}

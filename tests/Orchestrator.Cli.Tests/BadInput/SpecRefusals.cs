namespace Orchestrator.Cli.Tests.BadInput;

/// <summary>Runs a group of mangled specs through <c>start-rotation</c> as one batch and judges each on its own.</summary>
internal static class SpecRefusals
{
    public static TheoryData<string> Names(IEnumerable<SpecCase> cases) => new(cases.Select(mangled => mangled.Name));

    /// <summary>
    /// Every case of the group is run (each spec in a directory of its own, named <see cref="MangledSpecs.FileName"/>);
    /// once all have ended, the one named must be a refusal naming what it expects, and nothing may have changed.
    /// </summary>
    public static async Task AssertRefusedAsync(RefusalFixture fixture, string group, Func<IEnumerable<SpecCase>> cases, string name)
    {
        var runs = fixture.Batch(group, () => cases()
            .Select((mangled, index) => (mangled.Name, Spec: Write(fixture, group, index, mangled)))
            .ToDictionary(run => run.Name, run => new[] { "start-rotation", "--spec", run.Spec, "--state", fixture.StatePath }, StringComparer.Ordinal));
        await Task.WhenAll(runs.Values);

        fixture.AssertRefused(await runs[name], cases().Single(mangled => mangled.Name == name).Expected);
    }

    /// <summary>
    /// The spec, with the simulator's kubeconfig beside it: a mangling the parser let through would go on to reach
    /// the regions (and show as writes), not stop early at a missing kubeconfig.
    /// </summary>
    private static string Write(RefusalFixture fixture, string group, int index, SpecCase mangled)
    {
        var directory = fixture.CaseDirectory(group, index);
        File.Copy(fixture.Clusters.Simulation.KubeconfigPath, Path.Combine(directory, "kubeconfig"), overwrite: true);
        var path = Path.Combine(directory, MangledSpecs.FileName);
        File.WriteAllBytes(path, mangled.Bytes);
        return path;
    }
}

using System.Diagnostics.Metrics;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Controller.Metrics;

/// <summary>The rotation board as the per-rotation gauges' measurements.</summary>
internal static class RotationMetrics
{
    private static readonly RotationState[] AllStates = Enum.GetValues<RotationState>();

    public static IEnumerable<Measurement<int>> States(RotationBoard board) =>
        board.Snapshot().SelectMany(pair => AllStates.Select(state =>
            new Measurement<int>(pair.Value.State == state ? 1 : 0, Rotation(pair.Key), new KeyValuePair<string, object?>("state", state.ToString()))));

    public static IEnumerable<Measurement<int>> Steps(RotationBoard board) =>
        board.Snapshot().Select(pair => new Measurement<int>(pair.Value.Step, Rotation(pair.Key)));

    public static IEnumerable<Measurement<int>> StepCounts(RotationBoard board) =>
        board.Snapshot().Select(pair => new Measurement<int>(pair.Value.Steps, Rotation(pair.Key)));

    public static IEnumerable<Measurement<int>> PodsReady(RotationBoard board) =>
        board.Snapshot().SelectMany(pair => pair.Value.Pods.Select(region => new Measurement<int>(region.Value.Ready, Rotation(pair.Key), Region(region.Key))));

    public static IEnumerable<Measurement<int>> PodsTotal(RotationBoard board) =>
        board.Snapshot().SelectMany(pair => pair.Value.Pods.Select(region => new Measurement<int>(region.Value.Total, Rotation(pair.Key), Region(region.Key))));

    public static IEnumerable<Measurement<int>> AwaitingApproval(RotationBoard board) =>
        board.Snapshot().Select(pair => new Measurement<int>(pair.Value.AwaitingApproval ? 1 : 0, Rotation(pair.Key)));

    private static KeyValuePair<string, object?> Rotation(string name) => new("rotation", name);

    private static KeyValuePair<string, object?> Region(string name) => new("region", name);
}

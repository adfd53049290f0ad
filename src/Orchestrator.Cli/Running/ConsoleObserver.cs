using System.Globalization;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Rollouts;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Cli.Running;

/// <summary>
/// Shows a run as it goes: a line per step on stdout, and a wait's progress per StatefulSet on stderr, redrawn in
/// place on a terminal, or as a plain line whenever it changes when stderr is redirected.
/// </summary>
internal sealed class ConsoleObserver(TextWriter output, TextWriter progress, bool interactive) : IRotationObserver
{
    private readonly Lock _gate = new();
    private string? _lastProgress;
    private bool _progressShown;

    public void StepStarted(Rotation rotation, StepRecord step)
    {
        lock (_gate)
        {
            ClearProgress();
            var attempt = step.Attempts > 1 ? $" (attempt {step.Attempts})" : string.Empty;
            output.WriteLine($"[{step.Number}/{rotation.Steps.Count}] {step.Label}: {Describe(rotation, step)}{attempt}");
            output.Flush();
        }
    }

    public void StepFinished(Rotation rotation, StepRecord step)
    {
        lock (_gate)
        {
            ClearProgress();
            var took = Times.Duration(step.FinishedAt - step.StartedAt);
            var note = step.Error ?? step.Detail;
            output.WriteLine($"[{step.Number}/{rotation.Steps.Count}] {step.Label}: {step.Status} in {took}{(note is null ? string.Empty : ": " + note)}");
            output.Flush();
        }
    }

    public void WaitProgress(Rotation rotation, StepRecord step, RolloutVerdict verdict)
    {
        if (verdict.Complete)
        {
            return;
        }

        var sets = string.Join(", ", verdict.StatefulSets.Select(set => string.Create(CultureInfo.InvariantCulture, $"{set.Name} {set.ReplacedAndReady}/{set.Total}")));
        var line = $"  {step.Region}: {sets} replaced and Ready; waiting for {Waiting(verdict.WaitingFor)}";
        lock (_gate)
        {
            if (line == _lastProgress)
            {
                return;
            }

            _lastProgress = line;
            if (interactive)
            {
                progress.Write("\r\u001b[2K" + line);
                _progressShown = true;
            }
            else
            {
                progress.WriteLine(line);
            }

            progress.Flush();
        }
    }

    private static string Describe(Rotation rotation, StepRecord step) => step.Kind switch
    {
        StepKind.GenerateCa => rotation.Spec.NewCa.Generated
            ? $"generate the new CA (O={rotation.Spec.NewCa.Alias}, RSA {rotation.Spec.NewCa.KeySize})"
            : "load the supplied new CA",
        StepKind.UpdateSecret when step.Undo => $"undo {step.Phase}: put back {(rotation.TargetOf(step) is { } target ? $"the content of {target.Name}" : "the old CA alone")}",
        StepKind.UpdateSecret => rotation.Phase(step.Phase!).Description,
        _ => "wait until every pod is replaced and Ready",
    };

    private static string Waiting(WaitingFor waiting) => waiting switch
    {
        WaitingFor.OperatorAcknowledgement => "the operator to acknowledge the change",
        WaitingFor.Rollout => "pods to be replaced",
        WaitingFor.Readiness => "replaced pods to become Ready",
        WaitingFor.StatefulSetStatus => "the StatefulSet controller to report the rollout complete",
        _ => "nothing",
    };

    private void ClearProgress()
    {
        if (_progressShown)
        {
            progress.Write("\r\u001b[2K");
            progress.Flush();
            _progressShown = false;
        }

        _lastProgress = null;
    }
}

namespace Orchestrator.Core.Steps;

/// <summary>Carries out one kind of step. Throws <see cref="StepFailedException"/> when it cannot succeed.</summary>
internal interface IStepExecutor
{
    Task ExecuteAsync(StepContext context, CancellationToken cancellationToken);
}

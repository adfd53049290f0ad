using Orchestrator.Core.Engine;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Core.Steps;

/// <summary>
/// Makes the new CA as <c>utils/tls.sh create-ca-keypair</c> does, unless the rotation already has it; takes it from
/// the head start when one was begun for this spec.
/// </summary>
internal sealed class GenerateCaExecutor(NewCaHeadStart? headStart) : IStepExecutor
{
    public async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var rotation = context.Rotation;
        if (rotation.NewCa is { } existing)
        {
            // A CA brought by the user, or one made by an earlier attempt that died before the step was marked done.
            context.Step.Detail = rotation.Spec.NewCa.Generated ? $"generated earlier: {existing.Describe()}" : $"supplied: {existing.Describe()}";
            return;
        }

        var spec = rotation.Spec.NewCa;
        var generation = headStart is not null && headStart.Spec == spec
            ? headStart
            : NewCaHeadStart.Begin(rotation.Spec, context.Time) ?? throw new InvalidOperationException("a rotation without a supplied CA must generate one");
        var pair = await generation.TakeAsync(cancellationToken);
        rotation.NewCa = CaMaterial.From(pair);
        context.Step.Detail = $"generated RSA {spec.KeySize}: {rotation.NewCa.Describe()}";
    }
}

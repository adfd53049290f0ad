using Orchestrator.Controller.Resources;
using Orchestrator.Core.Specs;

namespace Orchestrator.Controller.Schedules;

/// <summary>
/// Reaches one region of a schedule's template and watches its CA Secret there. A region it cannot reach (its
/// kubeconfig Secret missing or broken) is reported as unknown and tried again after a while, since nothing watches
/// that Secret.
/// </summary>
internal sealed class RegionWatch(ScheduleContext context, CaRotationSpec template, RegionSource region, int index, Action<CaRotationSpec, RegionCaReading> record)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var field = $"spec.template.regions[{index}]";
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    using var connection = await context.Regions.ConnectAsync(region, field, cancellationToken);
                    await new CaSecretWatch(connection.Client, region.Name, region.Namespace ?? template.Namespace, template.CaSecret, context, reading => record(template, reading))
                        .RunAsync(cancellationToken);
                    return;
                }
                catch (SpecException unusable)
                {
                    record(template, RegionCaReading.Unread(region.Name, unusable.Message));
                }
                catch (Exception failure) when (failure is not OperationCanceledException)
                {
                    record(template, RegionCaReading.Unread(region.Name, $"{field}: region {region.Name} cannot be reached: {failure.Message}"));
                }

                await Task.Delay(context.Settings.BlockedRetry, context.Time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The watch is no longer wanted.
        }
    }
}

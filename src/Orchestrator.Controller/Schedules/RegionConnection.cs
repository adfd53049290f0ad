using k8s;

namespace Orchestrator.Controller.Schedules;

/// <summary>A client of one region; disposed with the watch that uses it, unless it is the controller's own, shared client.</summary>
public sealed class RegionConnection(IKubernetes client, bool owned) : IDisposable
{
    public IKubernetes Client => client;

    public void Dispose()
    {
        if (owned)
        {
            client.Dispose();
        }
    }
}

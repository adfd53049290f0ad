namespace Orchestrator.Benchmarks.EndToEnd;

/// <summary>
/// One "wait until all pods are restarted" as the simulator saw it: from the client's Secret write in a region to the
/// last pod of that region turning Ready (the rollout's own time), then to the client's next Secret write anywhere
/// (the advance). <see cref="Requests"/> counts every request the client sent that region from its write to the
/// last pod's readiness (what the next step reads after that is the next step's); Lease renewals, the lock's
/// heartbeat every 10 s whatever the step, are counted apart in <see cref="LeaseRenewals"/>.
/// </summary>
internal sealed record WaitStep(string Region, DateTimeOffset Written, DateTimeOffset LastReady, DateTimeOffset? NextWrite, int Requests, int LeaseRenewals)
{
    public TimeSpan Rollout => LastReady - Written;

    public TimeSpan? Advance => NextWrite - LastReady;

    /// <summary>The wait steps of one client (by its user agent), in the order it wrote.</summary>
    public static IReadOnlyList<WaitStep> From(SimulatorRecords records, string userAgentPrefix, DateTimeOffset since)
    {
        bool Mine(RecordLine line) => line.Time >= since && line.UserAgent?.StartsWith(userAgentPrefix, StringComparison.OrdinalIgnoreCase) == true;
        var writes = records.Audit.Where(line => Mine(line) && line.IsSecretWrite).ToList();
        var steps = new List<WaitStep>();
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            var next = i + 1 < writes.Count ? writes[i + 1].Time : (DateTimeOffset?)null;
            var ready = records.Ready
                .Where(line => line.Region == write.Region && line.Time > write.Time && (next is null || line.Time < next))
                .Select(line => line.Time)
                .ToList();
            if (ready.Count == 0)
            {
                continue;
            }

            var lastReady = ready.Max();
            var during = records.Requests
                .Where(line => Mine(line) && line.Region == write.Region && line.Time >= write.Time && line.Time <= lastReady && !line.IsSecretWrite)
                .ToList();
            var leases = during.Count(line => line.Resource == "leases");
            steps.Add(new WaitStep(write.Region!, write.Time, lastReady, next, during.Count - leases, leases));
        }

        return steps;
    }
}

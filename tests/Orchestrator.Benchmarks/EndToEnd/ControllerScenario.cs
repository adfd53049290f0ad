using System.Globalization;
using Orchestrator.Controller.Resources;

namespace Orchestrator.Benchmarks.EndToEnd;

/// <summary>
/// <c>orchestrator serve</c> as it runs in a cluster: idle for a minute; running 20 CaRotations at once over 20
/// clusters of two regions each; and two replicas, the leader killed right after a Secret write, the successor timed.
/// Every figure but the controller's own CPU and memory (the kernel's, from <c>/proc</c>) comes from the simulator's records.
/// </summary>
internal static class ControllerScenario
{
    private const int Rotations = 20;
    private const string UserAgent = "orchestrator-controller";
    private static readonly TimeSpan Restart = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Termination = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan IdleWindow = TimeSpan.FromMinutes(1);

    /// <summary><c>serve</c>'s Lease duration: a killed leader's Lease is taken over only once it has run out.</summary>
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(15);

    public static async Task<IReadOnlyList<TargetResult>> RunAsync(E2eContext context, CancellationToken cancellationToken)
    {
        // Twenty clusters' API servers and operators share this one process, where each is machines of its own in
        // reality: an operator's certificate work on a pool thread must not hold up another cluster's API requests,
        // so the pool starts with a thread per region rather than growing into it while the rotations start.
        ThreadPool.GetMinThreads(out var workers, out var completions);
        ThreadPool.SetMinThreads(Math.Max(workers, 2 * Rotations), completions);
        var load = await LoadAsync(context, cancellationToken);
        var failover = await FailoverAsync(context, cancellationToken);
        var idle = await IdleAsync(context, cancellationToken);
        var megabyte = 1024.0 * 1024;
        return
        [
            new($"Overhead of each of {Rotations} concurrent rotations beyond its rollouts (CA brought)", "≤ 2 s", $"median {Milliseconds.Format(Stats.Median(load.Overheads))}, max {Milliseconds.Format(load.Overheads.Max())}",
                load.Overheads.Max() <= 2000, $"of which the start (created → first Secret write): median {Milliseconds.Format(Stats.Median(load.Starts))}, max {Milliseconds.Format(load.Starts.Max())}"),
            new($"Controller peak memory, {Rotations} rotations", "≤ 400 MB", string.Create(CultureInfo.InvariantCulture, $"{load.PeakMemory / megabyte:0} MB"), load.PeakMemory <= 400 * megabyte,
                string.Create(CultureInfo.InvariantCulture, $"CPU {load.Cpu.TotalSeconds:0.0} s over {load.Wall.TotalSeconds:0} s")),
            new("API requests per wait step, controller", "≤ 10", LatencyScenario.Describe(load.RequestsPerWait), Stats.Median(load.RequestsPerWait) <= 10 && load.RequestsPerWait.Max() <= 10,
                $"{load.RequestsPerWait.Count} waits; trust.jsonl lines: {load.TrustLines}"),
            new("Idle controller: requests per minute", "Lease renewals only", idle.Requests.ToString(CultureInfo.InvariantCulture), idle.OnlyLeases, idle.Breakdown),
            new("Idle controller: CPU per minute", "≤ 0.5 s", string.Create(CultureInfo.InvariantCulture, $"{idle.Cpu.TotalSeconds:0.00} s"), idle.Cpu <= TimeSpan.FromSeconds(0.5), string.Empty),
            new("Idle controller: memory", "≤ 120 MB", string.Create(CultureInfo.InvariantCulture, $"{idle.Memory.Resident / megabyte:0} MB"), idle.Memory.Resident <= 120 * megabyte,
                string.Create(CultureInfo.InvariantCulture, $"resident after two minutes; its own (not program file pages) {idle.Memory.Private / megabyte:0} MB")),
            new("Failover: leader killed → successor's next Secret write", "≤ 20 s", Milliseconds.Format(failover.NextWrite), failover.NextWrite <= (LeaseDuration + TimeSpan.FromSeconds(5)).TotalMilliseconds,
                $"Lease taken over after {Milliseconds.Format(failover.LeaseTaken)}; trust.jsonl lines: {failover.TrustLines}"),
        ];
    }

    private static async Task<Idle> IdleAsync(E2eContext context, CancellationToken cancellationToken)
    {
        await using var site = await ControllerSite.StartAsync(context.Directory("controller-idle"), 1, Restart, Termination, cancellationToken);
        using var replica = site.StartReplica(context.Cli);
        await WaitForLeaderAsync(site, replica, cancellationToken);

        // What idling costs day after day: measured once the start's work (discovery, the first list, the runtime's
        // compilation of what ran hot) is over; the first minute is reported apart.
        var started = replica.CpuTime();
        await Task.Delay(IdleWindow, cancellationToken);
        var firstMinute = replica.CpuTime() - started;
        var from = TimeProvider.System.GetUtcNow();
        var cpu = replica.CpuTime();
        await Task.Delay(IdleWindow, cancellationToken);
        var to = TimeProvider.System.GetUtcNow();
        var spent = replica.CpuTime() - cpu;
        var memory = replica.Memory();
        await replica.TerminateAsync(cancellationToken);

        var requests = site.Clusters[0].Records().Requests
            .Where(line => line.Time >= from && line.Time < to && line.UserAgent?.StartsWith(UserAgent, StringComparison.Ordinal) == true)
            .ToList();
        var breakdown = string.Join(", ", requests.GroupBy(line => $"{line.Verb} {line.Resource}").OrderByDescending(group => group.Count()).Select(group => $"{group.Key} {group.Count()}"));
        context.Say($"idle for {Milliseconds.Format(to - from)} after a minute's warm-up: {requests.Count} requests ({breakdown}); CPU {Milliseconds.Format(spent)} "
            + $"(in the first minute {Milliseconds.Format(firstMinute)}); resident {memory.Resident / 1024 / 1024} MB, of which private {memory.Private / 1024 / 1024} MB");
        return new Idle(requests.Count, requests.All(line => line.Resource == "leases"), breakdown, spent, memory);
    }

    private static async Task<Load> LoadAsync(E2eContext context, CancellationToken cancellationToken)
    {
        await using var site = await ControllerSite.StartAsync(context.Directory("controller-load"), Rotations, Restart, Termination, cancellationToken);
        using var replica = site.StartReplica(context.Cli);
        await WaitForLeaderAsync(site, replica, cancellationToken);

        // Each rotation brings its new CA, made before the clock starts: key generation is work the user asks for,
        // not the controller's overhead, and twenty of them at once would fill the two vCPUs for seconds.
        var broughtCas = new List<string>();
        for (var cluster = 1; cluster <= Rotations; cluster++)
        {
            broughtCas.Add(await site.BringCaAsync(cluster, cancellationToken));
        }

        var cpuBefore = replica.CpuTime();
        var simulationCpuBefore = Environment.CpuUsage.TotalTime;
        var since = TimeProvider.System.GetUtcNow();
        var created = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        for (var cluster = 1; cluster <= Rotations; cluster++)
        {
            var name = Name(cluster);
            created[name] = TimeProvider.System.GetUtcNow();
            await site.CreateRotationAsync(name, cluster, cancellationToken, broughtCas[cluster - 1]);
        }

        var finished = new Dictionary<string, (DateTimeOffset At, CaRotation Rotation)>(StringComparer.Ordinal);
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            limit.CancelAfter(TimeSpan.FromMinutes(15));
            while (finished.Count < Rotations)
            {
                await Task.Delay(100, limit.Token);
                var now = TimeProvider.System.GetUtcNow();
                foreach (var rotation in await site.ListRotationsAsync(limit.Token))
                {
                    switch (rotation.Status?.State)
                    {
                        case "Succeeded" when !finished.ContainsKey(rotation.Metadata.Name):
                            finished[rotation.Metadata.Name] = (now, rotation);
                            break;
                        case "Failed" or "RolledBack":
                            throw new InvalidOperationException($"CaRotation {rotation.Metadata.Name} ended {rotation.Status.State}: {rotation.Status.Message}\n{replica.Log}");
                    }
                }
            }
        }

        var wall = TimeProvider.System.GetUtcNow() - since;
        var cpu = replica.CpuTime() - cpuBefore;
        var simulationCpu = Environment.CpuUsage.TotalTime - simulationCpuBefore;
        var peak = replica.Memory().Peak;
        await replica.TerminateAsync(cancellationToken);

        var trust = 0;
        var overheads = new List<double>();
        var starts = new List<double>();
        var advances = new List<double>();
        var requests = new List<double>();
        for (var cluster = 1; cluster <= Rotations; cluster++)
        {
            var (at, rotation) = finished[Name(cluster)];
            var records = site.ClusterRecords(cluster);
            trust += records.TrustViolations;
            var steps = WaitStep.From(records, UserAgent, since);
            var rollouts = steps.Aggregate(TimeSpan.Zero, (total, step) => total + step.Rollout);
            overheads.Add((at - created[Name(cluster)] - rollouts).TotalMilliseconds);
            starts.Add((steps[0].Written - created[Name(cluster)]).TotalMilliseconds);
            advances.Add(steps.Where(step => step.Advance is not null).Sum(step => step.Advance!.Value.TotalMilliseconds));
            requests.AddRange(steps.Select(step => (double)step.Requests));
        }

        context.Say($"{Rotations} rotations in {Milliseconds.Format(wall)}; overhead beyond rollouts: {string.Join(' ', overheads.Select(Milliseconds.Format))}");
        context.Say($"of which: created → first Secret write, median {Milliseconds.Format(Stats.Median(starts))}, max {Milliseconds.Format(starts.Max())}; "
            + $"last pod Ready → next Secret write, summed over a rotation, median {Milliseconds.Format(Stats.Median(advances))}, max {Milliseconds.Format(advances.Max())}");
        context.Say($"CPU: controller {Milliseconds.Format(cpu)}, the simulated clusters and this runner {Milliseconds.Format(simulationCpu)}, of {Milliseconds.Format(wall * Environment.ProcessorCount)} the machine had");
        context.Say($"controller: peak resident {peak / 1024 / 1024} MB; requests per wait: median {Stats.Median(requests):0}, max {requests.Max():0} of {requests.Count}");
        return new Load(overheads, starts, requests, peak, cpu, wall, trust);
    }

    private static async Task<Failover> FailoverAsync(E2eContext context, CancellationToken cancellationToken)
    {
        await using var site = await ControllerSite.StartAsync(context.Directory("controller-failover"), 1, Restart, Termination, cancellationToken);
        using var first = site.StartReplica(context.Cli);
        using var second = site.StartReplica(context.Cli);
        var holder = await WaitForLeaderAsync(site, first, cancellationToken);
        var leader = IdOf(holder) == first.Id ? first : second;
        var successor = leader == first ? second : first;
        await site.CreateRotationAsync(Name(1), 1, cancellationToken);

        var written = await PollAsync(() => SecretWrites(site).FirstOrDefault(), "the first Secret write", cancellationToken);
        leader.Kill();
        var killed = TimeProvider.System.GetUtcNow();
        var next = await PollAsync(() => SecretWrites(site).FirstOrDefault(line => line.Time > written.Time && !line.UserAgent!.Contains(holder, StringComparison.Ordinal)), "the successor's Secret write", cancellationToken);
        var taken = site.Clusters[0].Records().Audit.First(line => line.Time > killed && line.Resource == "leases" && line.Namespace == ControllerSite.Namespace && !line.UserAgent!.Contains(holder, StringComparison.Ordinal));
        await PollAsync(async () => (await site.ListRotationsAsync(cancellationToken)).SingleOrDefault(rotation => rotation.Status?.State == "Succeeded"), "Succeeded", cancellationToken);
        await successor.TerminateAsync(cancellationToken);

        var trust = site.Clusters[0].Records().TrustViolations;
        context.Say($"leader killed {Milliseconds.Format(killed - written.Time)} after its Secret write; Lease taken {Milliseconds.Format(taken.Time - killed)} later, next Secret write {Milliseconds.Format(next.Time - killed)} later");
        return new Failover((next.Time - killed).TotalMilliseconds, taken.Time - killed, trust);
    }

    private static string Name(int cluster) => string.Create(CultureInfo.InvariantCulture, $"rotation-{cluster:00}");

    /// <summary>The replica's process ID, from its identity in the Lease (host, process, a random part).</summary>
    private static int IdOf(string identity) => int.Parse(identity.Split('_')[^2], CultureInfo.InvariantCulture);

    private static IEnumerable<RecordLine> SecretWrites(ControllerSite site)
    {
        var cluster = site.Clusters[0];
        return cluster.Records().Audit
            .Where(line => line.IsSecretWrite && line.Name == cluster.Simulation.Options.CaSecret && line.UserAgent?.StartsWith(UserAgent, StringComparison.Ordinal) == true)
            .OrderBy(line => line.Time);
    }

    private static async Task<string> WaitForLeaderAsync(ControllerSite site, ServeProcess replica, CancellationToken cancellationToken) =>
        await PollAsync(
            async () => replica.HasExited ? throw new InvalidOperationException($"orchestrator serve exited:\n{replica.Log}") : await site.LeaderAsync(cancellationToken),
            "a leader",
            cancellationToken);

    private static Task<T> PollAsync<T>(Func<T?> find, string what, CancellationToken cancellationToken)
        where T : class => PollAsync(() => Task.FromResult(find()), what, cancellationToken);

    private static async Task<T> PollAsync<T>(Func<Task<T?>> find, string what, CancellationToken cancellationToken)
        where T : class
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(3));
        while (true)
        {
            if (await find() is { } found)
            {
                return found;
            }

            try
            {
                await Task.Delay(20, limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"no {what} within 3 minutes");
            }
        }
    }

    private sealed record Idle(int Requests, bool OnlyLeases, string Breakdown, TimeSpan Cpu, ResidentMemory Memory);

    private sealed record Load(List<double> Overheads, List<double> Starts, List<double> RequestsPerWait, long PeakMemory, TimeSpan Cpu, TimeSpan Wall, int TrustLines);

    private sealed record Failover(double NextWrite, TimeSpan LeaseTaken, int TrustLines);
}

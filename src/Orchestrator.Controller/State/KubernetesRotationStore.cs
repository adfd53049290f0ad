using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Orchestrator.Controller.Resources;
using Orchestrator.Core.Persistence;
using Orchestrator.Core.Rotations;
using Orchestrator.Kubernetes.Resilience;
using Orchestrator.Store.Documents;
using Polly;
using Polly.Retry;
using StepStatus = Orchestrator.Core.Rotations.StepStatus;

namespace Orchestrator.Controller.State;

/// <summary>
/// Rotations kept in the cluster: each in the Secret <c>&lt;id&gt;-state</c> of one namespace (its document, the new
/// CA's private key with it, the journal, a running wait's progress), owned by the CaRotation of the same name when
/// there is one, so that deleting it deletes its state. Every write replaces the Secret under the resource version this
/// store last saw: a write by anyone else in between (a replica that took over) makes it fail, never overwrite. Once
/// <c>term</c> has ended (leadership lost) nothing more is written.
/// </summary>
/// <remarks>
/// The run lock is this process's alone (leadership keeps other replicas out); an abort request is an annotation on
/// the Secret, answered from what this store last read or wrote, and read again at most every
/// <see cref="AbortRequestFreshness"/>, because a running wait asks every second.
/// </remarks>
public sealed partial class KubernetesRotationStore : IRotationStore
{
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string RotationLabel = "cassandra.orchestrator.io/rotation";
    public const string AbortAnnotation = "cassandra.orchestrator.io/abort-requested";

    /// <summary>The API server refuses an object larger than this.</summary>
    public const int MaximumSecretBytes = 1024 * 1024;

    public static readonly TimeSpan AbortRequestFreshness = TimeSpan.FromSeconds(10);

    private const string RotationKey = "rotation.json";
    private const string JournalKey = "journal.jsonl";
    private const string ProgressKey = "progress.json";
    private const string NoLongerLeads = "this controller no longer leads: it writes nothing more";

    private readonly IKubernetes _client;
    private readonly string _namespace;
    private readonly TimeProvider _time;
    private readonly CancellationToken _term;
    private readonly bool _ownedByCaRotation;
    private readonly JsonSerializerOptions _json = StoredRotationJson.Options(new PlainPrivateKeyConverter());
    private readonly ConcurrentDictionary<string, Seen> _seen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (SemaphoreSlim Gate, string Owner)> _locks = new(StringComparer.Ordinal);
    private readonly ResiliencePipeline _retry;

    /// <param name="term">Ends when this process may no longer write (its leadership is over).</param>
    /// <param name="ownedByCaRotation">Whether a rotation's Secret is made owned by the CaRotation of its name.</param>
    public KubernetesRotationStore(IKubernetes client, string @namespace, TimeProvider time, CancellationToken term, bool ownedByCaRotation = true)
    {
        _client = client;
        _namespace = @namespace;
        _time = time;
        _term = term;
        _ownedByCaRotation = ownedByCaRotation;
        _retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = arguments => ValueTask.FromResult(arguments.Outcome.Exception is { } failure && TransientFailures.IsTransient(failure, arguments.Context.CancellationToken)),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(5),
                MaxRetryAttempts = 8,
            })
            .Build();
    }

    public static string SecretName(RotationId id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return $"{id}-state";
    }

    public async Task CreateAsync(Rotation rotation, IReadOnlyList<JournalEntry> journal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        ArgumentNullException.ThrowIfNull(journal);
        var name = SecretName(rotation.Id);
        if (!DnsSubdomain().IsMatch(name) || name.Length > 253)
        {
            throw new StoreException($"rotation id {rotation.Id} cannot name a Secret: lower-case letters, digits, '-' and '.' only");
        }

        Fence();
        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = _namespace,
                Labels = new Dictionary<string, string> { [ManagedByLabel] = "orchestrator", [RotationLabel] = rotation.Id.ToString() },
                OwnerReferences = _ownedByCaRotation && await OwnerAsync(rotation.Id, cancellationToken) is { } owner ? [owner] : null,
            },
            Type = "Opaque",
            Data = new Dictionary<string, byte[]>
            {
                [RotationKey] = Encoding.UTF8.GetBytes(StoredRotationJson.Serialize(rotation, _json)),
                [JournalKey] = Encoding.UTF8.GetBytes(string.Concat(journal.Select(entry => StoredRotationJson.Serialize(entry, _json) + "\n"))),
            },
        };
        CheckSize(rotation.Id, secret);
        try
        {
            var created = await CallAsync(token => _client.CoreV1.CreateNamespacedSecretAsync(secret, _namespace, cancellationToken: token), cancellationToken);
            Remember(created);
        }
        catch (HttpOperationException exists) when (exists.Response.StatusCode == HttpStatusCode.Conflict)
        {
            throw new StoreException($"rotation {rotation.Id} already exists (Secret {_namespace}/{name})", exists);
        }
    }

    public async Task<Rotation?> FindAsync(RotationId id, CancellationToken cancellationToken) =>
        await ReadAsync(id, cancellationToken) is { } secret ? ToRotation(id, secret) : null;

    public async Task SaveAsync(Rotation rotation, IReadOnlyList<JournalEntry> journal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        ArgumentNullException.ThrowIfNull(journal);
        await ReplaceAsync(rotation.Id, data =>
        {
            data[RotationKey] = Encoding.UTF8.GetBytes(StoredRotationJson.Serialize(rotation, _json));
            data[JournalKey] = [.. Entry(data, JournalKey) ?? [], .. Encoding.UTF8.GetBytes(string.Concat(journal.Select(entry => StoredRotationJson.Serialize(entry, _json) + "\n")))];
            data.Remove(ProgressKey);
        }, null, cancellationToken);
    }

    public Task SaveProgressAsync(RotationId id, int stepNumber, WaitProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var stored = new JsonObjectText(stepNumber, StoredRotationJson.Serialize(progress, _json));
        return ReplaceAsync(id, data => data[ProgressKey] = Encoding.UTF8.GetBytes(stored.ToString()), null, cancellationToken);
    }

    public async Task<Rotation?> FindNewestAsync(CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)) is [var newest, ..] ? await FindAsync(newest.Id, cancellationToken) : null;

    public async Task<IReadOnlyList<RotationSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var secrets = await CallAsync(token => _client.CoreV1.ListNamespacedSecretAsync(_namespace, labelSelector: $"{ManagedByLabel}=orchestrator,{RotationLabel}", cancellationToken: token), cancellationToken);
        return [.. secrets.Items
            .Select(secret => RotationId.TryParse(Entry(secret.Metadata.Labels, RotationLabel), out var id) ? ToRotation(id, secret) : null)
            .OfType<Rotation>()
            .Select(rotation => new RotationSummary(rotation.Id, rotation.State, rotation.Cluster, rotation.CreatedAt, rotation.UpdatedAt))
            .OrderByDescending(summary => summary.CreatedAt)
            .ThenBy(summary => summary.Id.ToString(), StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<JournalEntry>> ReadJournalAsync(RotationId id, CancellationToken cancellationToken)
    {
        var secret = await ReadAsync(id, cancellationToken) ?? throw new StoreException($"no rotation {id} in namespace {_namespace}");
        var text = Encoding.UTF8.GetString(Entry(secret.Data, JournalKey) ?? []);
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => StoredRotationJson.DeserializeEntry(line, _json))];
    }

    public Task RequestAbortAsync(RotationId id, string reason, CancellationToken cancellationToken) =>
        ReplaceAsync(id, null, annotations => annotations[AbortAnnotation] = reason, cancellationToken);

    public async Task<string?> FindAbortRequestAsync(RotationId id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var secret = _seen.TryGetValue(id.ToString(), out var seen) && _time.GetElapsedTime(seen.At) < AbortRequestFreshness
            ? seen.Secret
            : await ReadAsync(id, cancellationToken);
        return Entry(secret?.Metadata.Annotations, AbortAnnotation);
    }

    public Task ClearAbortRequestAsync(RotationId id, CancellationToken cancellationToken) =>
        ReplaceAsync(id, null, annotations => annotations.Remove(AbortAnnotation), cancellationToken);

    public async Task<RunLock> TryLockAsync(RotationId id, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var entry = _locks.GetOrAdd(id.ToString(), _ => (new SemaphoreSlim(1, 1), owner));
        if (!await entry.Gate.WaitAsync(TimeSpan.Zero, cancellationToken))
        {
            return RunLock.HeldBy(_locks[id.ToString()].Owner);
        }

        _locks[id.ToString()] = (entry.Gate, owner);
        return RunLock.Held(new Release(entry.Gate));
    }

    public Task<string?> FindRunnerAsync(RotationId id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Task.FromResult(_locks.TryGetValue(id.ToString(), out var entry) && entry.Gate.CurrentCount == 0 ? entry.Owner : null);
    }

    public void Dispose()
    {
        foreach (var (gate, _) in _locks.Values)
        {
            gate.Dispose();
        }
    }

    /// <summary>Reads, changes and replaces the Secret under the version read; a conflict is another writer's doing.</summary>
    private async Task ReplaceAsync(RotationId id, Action<IDictionary<string, byte[]>>? changeData, Action<IDictionary<string, string>>? changeAnnotations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        Fence();
        var secret = _seen.TryGetValue(id.ToString(), out var seen) ? seen.Secret : await ReadAsync(id, cancellationToken);
        if (secret is null)
        {
            throw new StoreException($"no rotation {id} in namespace {_namespace}");
        }

        var data = new Dictionary<string, byte[]>(secret.Data ?? new Dictionary<string, byte[]>(), StringComparer.Ordinal);
        var annotations = new Dictionary<string, string>(secret.Metadata.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        changeData?.Invoke(data);
        changeAnnotations?.Invoke(annotations);
        var replacement = new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = secret.Metadata.Name,
                NamespaceProperty = _namespace,
                ResourceVersion = secret.Metadata.ResourceVersion,
                Labels = secret.Metadata.Labels,
                Annotations = annotations.Count == 0 ? null : annotations,
                OwnerReferences = secret.Metadata.OwnerReferences,
            },
            Type = secret.Type,
            Data = data,
        };
        CheckSize(id, replacement);
        Fence();
        try
        {
            Remember(await CallAsync(token => _client.CoreV1.ReplaceNamespacedSecretAsync(replacement, replacement.Metadata.Name, _namespace, cancellationToken: token), cancellationToken));
        }
        catch (HttpOperationException conflict) when (conflict.Response.StatusCode == HttpStatusCode.Conflict)
        {
            _seen.TryRemove(id.ToString(), out _);
            throw new StoreException($"rotation {id} was changed by another writer (another controller replica took it over); this one stops", conflict);
        }
    }

    private async Task<V1Secret?> ReadAsync(RotationId id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        try
        {
            var secret = await CallAsync(token => _client.CoreV1.ReadNamespacedSecretAsync(SecretName(id), _namespace, cancellationToken: token), cancellationToken);
            Remember(secret);
            return secret;
        }
        catch (HttpOperationException missing) when (missing.Response.StatusCode == HttpStatusCode.NotFound)
        {
            _seen.TryRemove(id.ToString(), out _);
            return null;
        }
    }

    private Rotation ToRotation(RotationId id, V1Secret secret)
    {
        try
        {
            var rotation = StoredRotationJson.DeserializeRotation(Encoding.UTF8.GetString(Entry(secret.Data, RotationKey) ?? []), _json);
            if (Entry(secret.Data, ProgressKey) is { } progress && JsonObjectText.Parse(Encoding.UTF8.GetString(progress)) is var (step, body)
                && rotation.Steps.FirstOrDefault(candidate => candidate.Number == step) is { Status: StepStatus.Running } running)
            {
                running.Progress = StoredRotationJson.DeserializeProgress(body, _json);
            }

            return rotation;
        }
        catch (JsonException damaged)
        {
            throw new StoreException($"rotation {id}: its Secret {_namespace}/{secret.Metadata.Name} is damaged: {damaged.Message}", damaged);
        }
    }

    private async Task<V1OwnerReference?> OwnerAsync(RotationId id, CancellationToken cancellationToken)
    {
        try
        {
            var found = await CallAsync(
                token => _client.CustomObjects.GetNamespacedCustomObjectAsync(CaRotationDefinition.Group, CaRotationDefinition.Version, _namespace, CaRotationDefinition.Plural, id.ToString(), token),
                cancellationToken);
            var uid = ((JsonElement)found).GetProperty("metadata").GetProperty("uid").GetString();
            return uid is null ? null : new V1OwnerReference { ApiVersion = CaRotationDefinition.ApiVersion, Kind = CaRotationDefinition.Kind, Name = id.ToString(), Uid = uid, BlockOwnerDeletion = true, Controller = true };
        }
        catch (HttpOperationException missing) when (missing.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// One request with its retries, each attempt fenced: a term that ends during the retries ends them, and no
    /// attempt goes out after it, whatever the caller's token.
    /// </summary>
    private async Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var fenced = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _term);
        try
        {
            return await _retry.ExecuteAsync(
                async token =>
                {
                    Fence();
                    return await call(token);
                },
                fenced.Token);
        }
        catch (OperationCanceledException) when (_term.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new StoreException(NoLongerLeads);
        }
    }

    private void Remember(V1Secret secret)
    {
        if (Entry(secret.Metadata.Labels, RotationLabel) is { } id)
        {
            _seen[id] = new Seen(secret, _time.GetTimestamp());
        }
    }

    private void Fence()
    {
        if (_term.IsCancellationRequested)
        {
            throw new StoreException(NoLongerLeads);
        }
    }

    private static void CheckSize(RotationId id, V1Secret secret)
    {
        var size = secret.Data?.Values.Sum(value => value.Length) ?? 0;
        if (size > MaximumSecretBytes * 3 / 4)
        {
            // Base64 in the request makes the data a third larger; the API server refuses objects over 1 MiB.
            throw new StoreException(string.Create(CultureInfo.InvariantCulture, $"rotation {id}: its state ({size} bytes) no longer fits in one Secret (1 MiB)"));
        }
    }

    private static TValue? Entry<TValue>(IDictionary<string, TValue>? entries, string key) where TValue : class =>
        entries is not null && entries.TryGetValue(key, out var value) ? value : null;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();

    private sealed record Seen(V1Secret Secret, long At);

    private sealed class Release(SemaphoreSlim gate) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            gate.Release();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>A running wait's progress as kept: the step's number and the progress's JSON.</summary>
    private sealed record JsonObjectText(int Step, string Body)
    {
        public static (int Step, string Body)? Parse(string text)
        {
            using var document = JsonDocument.Parse(text);
            return (document.RootElement.GetProperty("step").GetInt32(), document.RootElement.GetProperty("progress").GetRawText());
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{{\"step\":{Step},\"progress\":{Body}}}");
    }
}

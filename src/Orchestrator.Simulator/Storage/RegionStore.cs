using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;

namespace Orchestrator.Simulator.Storage;

/// <summary>
/// The objects of one simulated Kubernetes cluster, with etcd's single, increasing resource version and the
/// API server's create, update, delete and watch semantics. One lock keeps every change and its watch event in order.
/// </summary>
internal sealed partial class RegionStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedDictionary<string, StoredObject>> _objects = [];
    private readonly Dictionary<string, EventHistory> _history = [];
    private readonly Dictionary<string, ResourceType> _customTypes = [];
    private readonly List<Watcher> _watchers = [];
    private readonly TimeProvider _time;
    private readonly int _historyCapacity;
    private long _resourceVersion;

    public RegionStore(string region, TimeProvider time, int historyCapacity = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(historyCapacity, 1);
        Region = region;
        _time = time;
        _historyCapacity = historyCapacity;
    }

    public string Region { get; }

    public long CurrentResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion;
            }
        }
    }

    /// <summary>How many watches of this resource type are open (in-process controllers included).</summary>
    public int OpenWatches(ResourceType type)
    {
        lock (_gate)
        {
            return _watchers.Count(watcher => watcher.Type.StorageKey == type.StorageKey);
        }
    }

    /// <summary>The kinds served now: the built-in ones and those of the established CustomResourceDefinitions.</summary>
    public IReadOnlyList<ResourceType> ServedTypes()
    {
        lock (_gate)
        {
            return [.. ResourceTypes.All, .. _customTypes.Values];
        }
    }

    public ResourceType? FindType(string group, string version, string plural) =>
        ServedTypes().FirstOrDefault(type => type.Group == group && type.Version == version && type.Plural == plural);

    public StoredObject? Get(ResourceType type, string? ns, string name)
    {
        lock (_gate)
        {
            return Objects(type).GetValueOrDefault(Key(ns, name));
        }
    }

    public (IReadOnlyList<StoredObject> Items, long ResourceVersion) List(ResourceType type, ObjectFilter filter)
    {
        lock (_gate)
        {
            return (Objects(type).Values.Where(filter.Matches).ToList(), _resourceVersion);
        }
    }

    public StoredObject Create(ResourceType type, string? ns, IKubernetesObject<V1ObjectMeta> value, bool dryRun = false)
    {
        lock (_gate)
        {
            var metadata = value.Metadata ??= new V1ObjectMeta();
            metadata.NamespaceProperty = type.Namespaced ? ns : null;
            if (string.IsNullOrEmpty(metadata.Name) && !string.IsNullOrEmpty(metadata.GenerateName))
            {
                metadata.Name = metadata.GenerateName + RandomSuffix();
            }

            if (string.IsNullOrEmpty(metadata.Name))
            {
                throw ApiException.Invalid(type, string.Empty, ["metadata.name: Required value: name or generateName is required"]);
            }

            ValidateName(type, metadata.Name);
            if (type.Namespaced && !Objects(ResourceTypes.Namespaces).ContainsKey(Key(null, ns!)))
            {
                throw ApiException.NotFound(ResourceTypes.Namespaces, ns!);
            }

            if (Objects(type).ContainsKey(Key(ns, metadata.Name)))
            {
                throw ApiException.AlreadyExists(type, metadata.Name);
            }

            value.ApiVersion = type.ApiVersion;
            value.Kind = type.Kind;
            metadata.Uid = Guid.NewGuid().ToString();
            metadata.CreationTimestamp = WholeSeconds(_time.GetUtcNow());
            metadata.DeletionTimestamp = null;
            metadata.DeletionGracePeriodSeconds = null;
            metadata.Generation = type.Strategy.HasGeneration ? 1 : null;
            type.Strategy.PrepareForCreate(value);
            Validate(type, metadata.Name, type.Strategy.Validate(value));
            return Commit(type, value, previous: null, dryRun);
        }
    }

    /// <summary>A PUT: the body replaces the object; a non-empty <c>metadata.resourceVersion</c> must be current.</summary>
    public StoredObject Update(ResourceType type, string? ns, string name, IKubernetesObject<V1ObjectMeta> value, bool status = false, bool dryRun = false)
    {
        lock (_gate)
        {
            var existing = Objects(type).GetValueOrDefault(Key(ns, name)) ?? throw ApiException.NotFound(type, name);
            return Replace(type, existing, value, status, dryRun);
        }
    }

    /// <summary>
    /// A PATCH: <paramref name="change"/> makes the new object from the current one, atomically. A
    /// resource version the change sets becomes a precondition, as in a patch that carries one.
    /// </summary>
    public StoredObject Modify(
        ResourceType type,
        string? ns,
        string name,
        Func<StoredObject, IKubernetesObject<V1ObjectMeta>> change,
        bool status = false,
        bool dryRun = false)
    {
        lock (_gate)
        {
            var existing = Objects(type).GetValueOrDefault(Key(ns, name)) ?? throw ApiException.NotFound(type, name);
            var changed = change(existing);
            return Replace(type, existing, changed, status, dryRun);
        }
    }

    public DeleteOutcome Delete(ResourceType type, string? ns, string name, DeleteOptions options, bool dryRun = false)
    {
        lock (_gate)
        {
            var existing = Objects(type).GetValueOrDefault(Key(ns, name)) ?? throw ApiException.NotFound(type, name);
            if (options.PreconditionUid is { } uid && uid != existing.Uid)
            {
                throw new ApiException(
                    HttpStatusCode.Conflict,
                    "Conflict",
                    $"Operation cannot be fulfilled on {type.QualifiedPlural} \"{name}\": Precondition failed: UID in precondition: {uid}, UID in object meta: {existing.Uid}",
                    type.Plural,
                    name);
            }

            if (options.PreconditionResourceVersion is { } version && version != existing.ResourceVersion.ToString(CultureInfo.InvariantCulture))
            {
                throw ApiException.Conflict(type, name);
            }

            if (dryRun)
            {
                return new DeleteOutcome(existing, Removed: !type.Strategy.GracefulDelete);
            }

            var grace = options.GracePeriodSeconds ?? DefaultGracePeriod(existing);
            if (type.Strategy.GracefulDelete && grace > 0)
            {
                var terminating = existing.Copy();
                if (terminating.Metadata.DeletionTimestamp is null)
                {
                    terminating.Metadata.DeletionTimestamp = WholeSeconds(_time.GetUtcNow().AddSeconds(grace));
                    terminating.Metadata.DeletionGracePeriodSeconds = grace;
                    return new DeleteOutcome(Commit(type, terminating, existing, dryRun: false), Removed: false);
                }

                return new DeleteOutcome(existing, Removed: false);
            }

            if (existing.Peek().Metadata.Finalizers is { Count: > 0 })
            {
                // Finalizers keep the object, marked for deletion, until whoever owns them removes the last one.
                if (existing.Peek().Metadata.DeletionTimestamp is not null)
                {
                    return new DeleteOutcome(existing, Removed: false);
                }

                var finalizing = existing.Copy();
                finalizing.Metadata.DeletionTimestamp = WholeSeconds(_time.GetUtcNow());
                finalizing.Metadata.DeletionGracePeriodSeconds = 0;
                return new DeleteOutcome(Commit(type, finalizing, existing, dryRun: false), Removed: false);
            }

            return new DeleteOutcome(Remove(type, existing), Removed: true);
        }
    }

    /// <summary>
    /// Opens a watch. Without a resource version (or with "0") it starts with an ADDED event per selected object;
    /// with one it replays what happened after it, or fails with 410 Expired when that history is gone.
    /// </summary>
    public Watcher Watch(ResourceType type, ObjectFilter filter, long? fromResourceVersion)
    {
        lock (_gate)
        {
            var watcher = new Watcher(type, filter, Unsubscribe);
            if (fromResourceVersion is null or 0)
            {
                foreach (var stored in Objects(type).Values)
                {
                    watcher.Offer(new WatchEvent(WatchEventKind.Added, stored, null));
                }
            }
            else
            {
                var history = History(type);
                if (!history.Covers(fromResourceVersion.Value))
                {
                    throw new ApiException(
                        HttpStatusCode.Gone,
                        "Expired",
                        $"too old resource version: {fromResourceVersion} ({history.CompactedThrough + 1})");
                }

                foreach (var change in history.After(fromResourceVersion.Value))
                {
                    watcher.Offer(change);
                }
            }

            _watchers.Add(watcher);
            return watcher;
        }
    }

    private StoredObject Remove(ResourceType type, StoredObject existing)
    {
        if (type == ResourceTypes.CustomResourceDefinitions)
        {
            // The API server's cleanup finalizer: the kind's objects go first, then the definition.
            if (_customTypes.Remove(existing.Name, out var custom))
            {
                foreach (var item in Objects(custom).Values.ToList())
                {
                    Remove(custom, item);
                }
            }
        }

        Objects(type).Remove(Key(existing.Namespace, existing.Name));
        var gone = existing.AtResourceVersion(++_resourceVersion);
        Publish(new WatchEvent(WatchEventKind.Deleted, gone, existing));
        return gone;
    }

    private static DateTime WholeSeconds(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    private static string Key(string? ns, string name) => ns is null ? name : ns + "/" + name;

    private static long DefaultGracePeriod(StoredObject existing) =>
        existing.Peek() is V1Pod pod ? pod.Spec?.TerminationGracePeriodSeconds ?? 30 : 0;

    private static string RandomSuffix()
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return string.Create(5, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(alphabet.Length)];
            }
        });
    }

    private static void ValidateName(ResourceType type, string name)
    {
        var valid = type == ResourceTypes.Namespaces
            ? name.Length <= 63 && DnsLabel().IsMatch(name)
            : name.Length <= 253 && DnsSubdomain().IsMatch(name);
        if (!valid)
        {
            throw ApiException.Invalid(
                type,
                name,
                [$"metadata.name: Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"]);
        }
    }

    private static void Validate(ResourceType type, string name, IEnumerable<string> errors)
    {
        var causes = errors.ToList();
        if (causes.Count > 0)
        {
            throw ApiException.Invalid(type, name, causes);
        }
    }

    private StoredObject Replace(ResourceType type, StoredObject existing, IKubernetesObject<V1ObjectMeta> value, bool status, bool dryRun)
    {
        var metadata = value.Metadata ??= new V1ObjectMeta();
        if (!string.IsNullOrEmpty(metadata.Name) && metadata.Name != existing.Name)
        {
            throw ApiException.BadRequest($"the name of the object ({metadata.Name}) does not match the name on the URL ({existing.Name})");
        }

        if (!string.IsNullOrEmpty(metadata.ResourceVersion)
            && metadata.ResourceVersion != existing.ResourceVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw ApiException.Conflict(type, existing.Name);
        }

        if (!string.IsNullOrEmpty(metadata.Uid) && metadata.Uid != existing.Uid)
        {
            throw new ApiException(
                HttpStatusCode.Conflict,
                "Conflict",
                $"Operation cannot be fulfilled on {type.QualifiedPlural} \"{existing.Name}\": Precondition failed: UID in precondition: {metadata.Uid}, UID in object meta: {existing.Uid}",
                type.Plural,
                existing.Name);
        }

        var current = existing.Peek();
        if (status)
        {
            value = type.Strategy.PrepareForStatusUpdate(value, current);
            metadata = value.Metadata;
        }
        else
        {
            type.Strategy.PrepareForUpdate(value, current);
        }

        value.ApiVersion = type.ApiVersion;
        value.Kind = type.Kind;
        metadata.Name = existing.Name;
        metadata.NamespaceProperty = existing.Namespace;
        metadata.Uid = current.Metadata.Uid;
        metadata.CreationTimestamp = current.Metadata.CreationTimestamp;
        metadata.DeletionTimestamp = current.Metadata.DeletionTimestamp;
        metadata.DeletionGracePeriodSeconds = current.Metadata.DeletionGracePeriodSeconds;
        metadata.Generation = current.Metadata.Generation;
        if (type.Strategy.HasGeneration
            && !status
            && type.Strategy.GenerationSource(value) != type.Strategy.GenerationSource(current))
        {
            metadata.Generation = (current.Metadata.Generation ?? 0) + 1;
        }

        Validate(type, existing.Name, [.. type.Strategy.ValidateUpdate(value, current), .. NoNewFinalizers(value, current)]);
        if (!dryRun && KubernetesJson.Serialize(WithVersion(value, existing.ResourceVersion)) == existing.Json)
        {
            // Kubernetes skips the write of an update that changes nothing: same resource version, no event.
            return existing;
        }

        var stored = Commit(type, value, existing, dryRun);
        if (!dryRun
            && metadata.Finalizers is null or { Count: 0 }
            && current.Metadata.DeletionTimestamp is not null
            && current.Metadata.DeletionGracePeriodSeconds is null or 0)
        {
            // The last finalizer of an object marked for deletion is gone: the deletion completes.
            return Remove(type, stored);
        }

        return stored;
    }

    private static IEnumerable<string> NoNewFinalizers(IKubernetesObject<V1ObjectMeta> value, IKubernetesObject<V1ObjectMeta> current)
    {
        var added = (value.Metadata.Finalizers ?? []).Except(current.Metadata.Finalizers ?? [], StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (current.Metadata.DeletionTimestamp is not null && added.Count > 0)
        {
            yield return $"metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{{{string.Join(", ", added.Select(name => $"\"{name}\""))}}}";
        }
    }

    private static IKubernetesObject<V1ObjectMeta> WithVersion(IKubernetesObject<V1ObjectMeta> value, long version)
    {
        value.Metadata.ResourceVersion = version.ToString(CultureInfo.InvariantCulture);
        return value;
    }

    private StoredObject Commit(ResourceType type, IKubernetesObject<V1ObjectMeta> value, StoredObject? previous, bool dryRun)
    {
        if (dryRun)
        {
            value.Metadata.ResourceVersion = previous?.ResourceVersion.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
            return new StoredObject(type, WithVersion(value, previous?.ResourceVersion ?? 0));
        }

        var stored = new StoredObject(type, WithVersion(value, ++_resourceVersion));
        Objects(type)[Key(stored.Namespace, stored.Name)] = stored;
        Publish(new WatchEvent(previous is null ? WatchEventKind.Added : WatchEventKind.Modified, stored, previous));
        if (type == ResourceTypes.CustomResourceDefinitions)
        {
            Establish(stored);
        }

        return stored;
    }

    /// <summary>
    /// What the naming and establishing controllers do after a definition is written, done at once: each further
    /// status they would write is a write of its own, and an established definition's kind is served from then on.
    /// </summary>
    private void Establish(StoredObject stored)
    {
        var definition = stored.As<V1CustomResourceDefinition>();
        var others = Objects(ResourceTypes.CustomResourceDefinitions).Values
            .Where(other => other.Name != stored.Name)
            .Select(other => other.As<V1CustomResourceDefinition>());
        if (CustomResources.NextStatus(definition, others, WholeSeconds(_time.GetUtcNow())) is { } status)
        {
            definition.Status = status;
            Commit(ResourceTypes.CustomResourceDefinitions, definition, stored, dryRun: false);
        }
        else if (CustomResources.IsEstablished(definition))
        {
            _customTypes[stored.Name] = CustomResources.TypeOf(definition);
        }
    }

    private void Publish(WatchEvent change)
    {
        var type = change.Object.Type;
        History(type).Add(change);
        foreach (var watcher in _watchers)
        {
            if (watcher.Type.StorageKey == type.StorageKey)
            {
                watcher.Offer(change);
            }
        }
    }

    private void Unsubscribe(Watcher watcher)
    {
        lock (_gate)
        {
            _watchers.Remove(watcher);
        }
    }

    private SortedDictionary<string, StoredObject> Objects(ResourceType type)
    {
        if (!_objects.TryGetValue(type.StorageKey, out var objects))
        {
            objects = new SortedDictionary<string, StoredObject>(StringComparer.Ordinal);
            _objects[type.StorageKey] = objects;
        }

        return objects;
    }

    private EventHistory History(ResourceType type)
    {
        if (!_history.TryGetValue(type.StorageKey, out var history))
        {
            history = new EventHistory(_historyCapacity);
            _history[type.StorageKey] = history;
        }

        return history;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();
}

namespace Orchestrator.Store.Locks;

/// <summary>A rotation id becomes a file name: letters, digits, '.', '_' and '-' only, not starting with '.'.</summary>
internal static class RotationIds
{
    private const int MaximumLength = 200;

    public static string Validate(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (id.Length > MaximumLength || id[0] == '.' || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            throw new ArgumentException($"'{id}' is not a usable rotation id (letters, digits, '.', '_', '-'; not starting with '.')", nameof(id));
        }

        return id;
    }
}

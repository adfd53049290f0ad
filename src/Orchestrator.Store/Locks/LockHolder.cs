using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Orchestrator.Store.Files;

namespace Orchestrator.Store.Locks;

/// <summary>
/// Who a run-lock file says holds it: the text its holder wrote, <c>pid N on host H since T (owner)</c>. Every .NET
/// file opening on Unix takes a flock of its own (shared for reading), which fails against the holder's exclusive
/// one, so the file is read through plain open(2)/read(2).
/// </summary>
internal sealed partial record LockHolder(string Text, int? ProcessId, string? Host)
{
    /// <summary>What is said of a holder that has not (yet) written who it is.</summary>
    public const string Unknown = "another process (it has not yet written who it is)";

    /// <summary>
    /// True when the text names a process of this host that no longer exists: it holds nothing, whatever the file
    /// says, since the kernel drops a flock with the last descriptor of its process.
    /// </summary>
    public bool IsGone => ProcessId is { } id && Host == Environment.MachineName && !IsRunning(id);

    public static string Describe(DateTimeOffset since, string owner) => string.Create(
        CultureInfo.InvariantCulture,
        $"pid {Environment.ProcessId} on host {Environment.MachineName} since {since.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} ({owner})");

    /// <summary>The file's holder; null when the file is missing or empty (released, or not yet written).</summary>
    public static LockHolder? Read(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return new LockHolder(Unknown, null, null);
        }

        var descriptor = Native.Open(path, Native.ReadOnly);
        if (descriptor < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            return error == Native.NoSuchFile ? null : new LockHolder($"another process (cannot read {path}: errno {error})", null, null);
        }

        try
        {
            var buffer = new byte[1024];
            var length = 0;
            while (length < buffer.Length)
            {
                var read = Native.Read(descriptor, buffer.AsSpan(length), buffer.Length - length);
                if (read <= 0)
                {
                    break;
                }

                length += (int)read;
            }

            var text = Encoding.UTF8.GetString(buffer, 0, length).Trim();
            if (text.Length == 0)
            {
                return null;
            }

            var named = Named().Match(text);
            return named.Success
                ? new LockHolder(text, int.Parse(named.Groups[1].Value, CultureInfo.InvariantCulture), named.Groups[2].Value)
                : new LockHolder(text, null, null);
        }
        finally
        {
            _ = Native.Close(descriptor);
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            // A zombie counts as running: the answer is then left to the flock, which it no longer holds.
            using var process = Process.GetProcessById(processId);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^pid (\d{1,9}) on host (\S+) since ", RegexOptions.CultureInvariant)]
    private static partial Regex Named();
}

using System.Runtime.InteropServices;
using System.Text;
using Orchestrator.Store.Files;

namespace Orchestrator.Store.Locks;

/// <summary>
/// Reads who holds a run lock. Every .NET file opening on Unix takes a flock of its own (shared for reading), which
/// fails against the holder's exclusive one, so the file is read through plain open(2)/read(2).
/// </summary>
internal static class LockHolder
{
    private const string Unknown = "another process (it has not yet written who it is)";

    public static string Read(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return Unknown;
        }

        var descriptor = Native.Open(path, Native.ReadOnly);
        if (descriptor < 0)
        {
            return $"another process (cannot read {path}: errno {Marshal.GetLastPInvokeError()})";
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
            return text.Length > 0 ? text : Unknown;
        }
        finally
        {
            _ = Native.Close(descriptor);
        }
    }
}

using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Cli.Tests.Support;

/// <summary>
/// A loopback port where a connection is refused for as long as this lives: bound but not listening (the kernel
/// answers with a reset), and bound without address reuse, so that no server started meanwhile by another test can
/// take the port over, which a port merely found free and let go again allows.
/// </summary>
internal sealed class ClosedPort : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public ClosedPort()
    {
        _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, false);
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    public int Port { get; }

    public void Dispose() => _socket.Dispose();
}

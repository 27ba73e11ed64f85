using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace AiGov.IntegrationTests.Watcher.Rig;

/// <summary>A TCP relay on 127.0.0.1 in front of the broker. <see cref="Cut"/> drops every connection and refuses new
/// ones, as a stopped broker does, without stopping the broker that other tests share; <see cref="Restore"/> lets
/// connections through again on the same port.</summary>
public sealed class TcpCutProxy : IAsyncDisposable
{
    private readonly IPEndPoint _upstream;
    private readonly ConcurrentDictionary<Socket, byte> _connections = new();
    private readonly CancellationTokenSource _disposed = new();
    private Socket? _listener;
    private Task _accepting = Task.CompletedTask;

    private TcpCutProxy(IPEndPoint upstream, int port)
    {
        _upstream = upstream;
        Port = port;
    }

    public int Port { get; }

    public static TcpCutProxy Start(string upstreamHost, int upstreamPort)
    {
        var address = Dns.GetHostAddresses(upstreamHost).First(a => a.AddressFamily == AddressFamily.InterNetwork);
        var proxy = new TcpCutProxy(new IPEndPoint(address, upstreamPort), Infrastructure.FreePort.Next());
        proxy.Restore();
        return proxy;
    }

    public void Restore()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, Port));
        listener.Listen(64);
        _listener = listener;
        _accepting = AcceptAsync(listener);
    }

    public void Cut()
    {
        _listener?.Dispose();
        _listener = null;
        foreach (var socket in _connections.Keys)
        {
            Close(socket);
        }
    }

    private async Task AcceptAsync(Socket listener)
    {
        while (!_disposed.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_disposed.Token);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _connections[client] = 0;
        _connections[server] = 0;
        try
        {
            await server.ConnectAsync(_upstream, _disposed.Token);
            await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            Close(client);
            Close(server);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _disposed.Token);
                if (read == 0)
                {
                    return;
                }
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _disposed.Token);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }

    private void Close(Socket socket)
    {
        if (_connections.TryRemove(socket, out _))
        {
            try
            {
                // A reset, not a graceful close: the peer learns at once that the connection is gone.
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        Cut();
        await _accepting;
        _disposed.Dispose();
    }
}

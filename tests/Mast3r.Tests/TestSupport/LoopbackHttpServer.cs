using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mast3r.Tests.TestSupport;

/// <summary>A request as the loopback server saw it.</summary>
internal sealed record LoopbackRequest(string Method, string Path, long? RangeStart, int Index);

/// <summary>What the loopback server answers: status, headers, body, and optionally an abrupt close after some body bytes.</summary>
internal sealed record LoopbackResponse(int Status, byte[] Body, IReadOnlyDictionary<string, string>? Headers = null, int? DropAfter = null)
{
    public static LoopbackResponse NotFound() => new(404, Encoding.ASCII.GetBytes("not found"));

    /// <summary>Serves <paramref name="content"/> honouring <c>Range: bytes=N-</c> unless told otherwise.</summary>
    public static LoopbackResponse File(byte[] content, LoopbackRequest request, bool honourRange = true, int? dropAfter = null)
    {
        if (!honourRange || request.RangeStart is not { } start) return new(200, content, null, dropAfter);
        if (start >= content.Length)
            return new(416, [], new Dictionary<string, string> { ["Content-Range"] = $"bytes */{content.Length}" });
        return new(206, content[(int)start..], new Dictionary<string, string> { ["Content-Range"] = $"bytes {start}-{content.Length - 1}/{content.Length}" }, dropAfter);
    }
}

/// <summary>
/// Minimal HTTP/1.1 server on 127.0.0.1 with a random port for download tests: one request per connection,
/// answered by <see cref="Handler"/>. Stops on dispose and by itself after 60 s so a broken test cannot hang.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(60));
    private readonly Task _loop;
    private readonly List<LoopbackRequest> _requests = [];

    public LoopbackHttpServer(Func<LoopbackRequest, LoopbackResponse> handler)
    {
        Handler = handler;
        _listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _loop = Task.Run(AcceptLoopAsync);
    }

    public Uri BaseUrl { get; }
    public Func<LoopbackRequest, LoopbackResponse> Handler { get; set; }
    private long _bodyBytesSent;

    /// <summary>Body bytes written to clients so far (to check that a resume fetched only the rest).</summary>
    public long BodyBytesSent => Interlocked.Read(ref _bodyBytesSent);

    public IReadOnlyList<LoopbackRequest> Requests { get { lock (_requests) return _requests.ToList(); } }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _loop; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await ReadRequestAsync(stream);
                if (request == null) return;
                var response = Handler(request);
                var head = new StringBuilder($"HTTP/1.1 {response.Status} {Reason(response.Status)}\r\n");
                head.Append($"Content-Length: {response.Body.Length}\r\nConnection: close\r\nAccept-Ranges: bytes\r\n");
                foreach (var (k, v) in response.Headers ?? new Dictionary<string, string>()) head.Append($"{k}: {v}\r\n");
                head.Append("\r\n");
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), _stop.Token);
                int count = Math.Min(response.Body.Length, response.DropAfter ?? int.MaxValue);
                if (request.Method != "HEAD") await stream.WriteAsync(response.Body.AsMemory(0, count), _stop.Token);
                await stream.FlushAsync(_stop.Token);
                Interlocked.Add(ref _bodyBytesSent, count);
                if (response.DropAfter != null) client.Client.LingerState = new LingerOption(true, 0); // reset, not a clean close
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away; nothing to answer.
            }
        }
    }

    private async Task<LoopbackRequest?> ReadRequestAsync(NetworkStream stream)
    {
        var buffer = new byte[16 * 1024];
        int length = 0;
        while (length < buffer.Length)
        {
            int n = await stream.ReadAsync(buffer.AsMemory(length), _stop.Token);
            if (n == 0) return null;
            length += n;
            string text = Encoding.ASCII.GetString(buffer, 0, length);
            int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0) continue;
            var lines = text[..end].Split("\r\n");
            var parts = lines[0].Split(' ');
            long? rangeStart = null;
            foreach (var line in lines.Skip(1))
                if (line.StartsWith("Range:", StringComparison.OrdinalIgnoreCase))
                    rangeStart = long.Parse(line[(line.IndexOf('=') + 1)..].TrimEnd('-').Split('-')[0]);
            lock (_requests)
            {
                var request = new LoopbackRequest(parts[0], parts[1], rangeStart, _requests.Count);
                _requests.Add(request);
                return request;
            }
        }
        return null;
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK", 206 => "Partial Content", 404 => "Not Found", 416 => "Range Not Satisfiable", 503 => "Service Unavailable", _ => "Status",
    };
}

using System.Net;
using System.Net.Http.Headers;

namespace Mast3r.Checkpoints.Fetch;

/// <summary>
/// Downloads manifest entries into the checkpoint directory: to <c>&lt;file&gt;.part</c> with HTTP Range resume,
/// then SHA-256 verification, then an atomic rename. A file whose hash is unknown everywhere gets its hash recorded
/// in <see cref="CheckpointLock"/> on first complete download; a hash mismatch deletes the partial file and renames
/// nothing.
/// </summary>
internal sealed class CheckpointFetcher(HttpClient http, FetchOptions options, Action<DownloadProgress>? progress = null)
{
    private const int BufferSize = 1 << 20;

    /// <summary>An HttpClient suited to multi-gigabyte downloads (no overall timeout; reads are timed per chunk).</summary>
    public static HttpClient CreateHttpClient()
    {
        var client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(30), AutomaticDecompression = DecompressionMethods.None })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("mast3r-repro-fetch/1");
        return client;
    }

    /// <summary>Fetches (or verifies an existing copy of) one checkpoint.</summary>
    public async Task<FetchOutcome> FetchAsync(CheckpointEntry entry, CancellationToken ct = default)
    {
        string dir = PrepareDirectory();
        string final = Path.Combine(dir, entry.File);
        string part = final + ".part";
        var lockFile = CheckpointLock.Load(dir);
        var (expected, source) = ExpectedHash(entry, lockFile);
        Uri url = options.UrlOf(entry);

        if (File.Exists(final))
        {
            progress?.Invoke(new DownloadProgress(entry.Name, new FileInfo(final).Length, new FileInfo(final).Length, "verifying"));
            string actual = Sha256Hex.OfFile(final);
            if (expected != null && actual != expected)
                throw new CheckpointFetchException(
                    $"{final} exists but its SHA-256 is {actual}, expected {expected} ({source}). Delete it to download it again, " +
                    $"or pass --sha256 {entry.Name}={actual} if you trust this copy.");
            bool record = Record(dir, lockFile, entry, actual, new FileInfo(final).Length, expected == null ? "local file" : url.ToString(), source);
            return new FetchOutcome(entry.Name, final, actual, new FileInfo(final).Length, expected == null ? "recorded" : "present", record && expected == null);
        }

        await DownloadWithRetriesAsync(entry, url, part, final, ct);

        long size = new FileInfo(part).Length;
        if (entry.Size is { } want && size != want)
        {
            File.Delete(part);
            throw new CheckpointFetchException($"{entry.Name}: downloaded {size} bytes from {url}, the manifest says {want}; the partial file was deleted and nothing was installed.");
        }
        progress?.Invoke(new DownloadProgress(entry.Name, size, size, "verifying"));
        string sha = Sha256Hex.OfFile(part);
        if (expected != null && sha != expected)
        {
            File.Delete(part);
            throw new CheckpointFetchException(
                $"{entry.Name}: SHA-256 of the download from {url} is {sha}, expected {expected} ({source}). The corrupt file was deleted " +
                "and nothing was installed; rerun to download again, or check the mirror.");
        }
        File.Move(part, final, overwrite: false);
        bool recorded = Record(dir, lockFile, entry, sha, size, url.ToString(), source);
        return new FetchOutcome(entry.Name, final, sha, size, "downloaded", recorded && expected == null);
    }

    /// <summary>Where to put a file by hand when downloading is impossible.</summary>
    public string ManualHint(CheckpointEntry entry) =>
        $"If this machine is offline, download {options.UrlOf(entry)} elsewhere and copy it to " +
        $"{Path.Combine(Path.GetFullPath(options.Directory), entry.File)}; `mast3r fetch` then verifies it (recording its SHA-256 on first use).";

    private (string? Hash, string Source) ExpectedHash(CheckpointEntry entry, CheckpointLock lockFile)
    {
        if (options.Sha256Overrides.TryGetValue(entry.Name, out var user)) return (Sha256Hex.Normalize(user, $"--sha256 {entry.Name}"), "--sha256");
        if (entry.Sha256 != null) return (entry.Sha256.ToLowerInvariant(), "repro/checkpoints.json");
        if (lockFile.Files.TryGetValue(entry.File, out var locked)) return (locked.Sha256, $"recorded in {CheckpointLock.FileName} on {locked.RecordedUtc:u}");
        return (null, "unknown");
    }

    private static bool Record(string dir, CheckpointLock lockFile, CheckpointEntry entry, string sha, long size, string url, string source)
    {
        if (source.StartsWith("recorded", StringComparison.Ordinal)) return false;
        lockFile.Files[entry.File] = new LockedFile(sha, size, url, DateTimeOffset.UtcNow);
        lockFile.Save(dir);
        return true;
    }

    private string PrepareDirectory()
    {
        string dir = Path.GetFullPath(options.Directory);
        try
        {
            Directory.CreateDirectory(dir);
            string probe = Path.Combine(dir, $".write-probe-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return dir;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointFetchException($"Cannot write to the checkpoint directory {dir}: {e.Message}. Choose a writable one with --checkpoint-dir.", e);
        }
    }

    private async Task DownloadWithRetriesAsync(CheckpointEntry entry, Uri url, string part, string final, CancellationToken ct)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await DownloadOnceAsync(entry, url, part, ct);
                return;
            }
            catch (TransientDownloadException e) when (attempt < options.MaxAttempts)
            {
                progress?.Invoke(new DownloadProgress(entry.Name, PartLength(part), null, $"retrying ({e.Message})"));
                await Task.Delay(options.RetryDelay, ct);
            }
            catch (TransientDownloadException e)
            {
                long kept = PartLength(part);
                string resume = kept > 0 ? $" The partial file {part} ({kept} bytes) is kept; rerun `mast3r fetch --only {entry.Name}` to resume." : "";
                throw new CheckpointFetchException($"{entry.Name}: download from {url} failed after {attempt} attempt(s): {e.Message}.{resume} {ManualHint(entry)}", e.InnerException);
            }
        }
    }

    private async Task DownloadOnceAsync(CheckpointEntry entry, Uri url, string part, CancellationToken ct)
    {
        long offset = PartLength(part);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (offset > 0) request.Headers.Range = new RangeHeaderValue(offset, null);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException e)
        {
            throw new TransientDownloadException($"cannot reach {url.Host}: {e.Message}", e);
        }
        using (response)
        {
            long? total;
            switch (response.StatusCode)
            {
                case HttpStatusCode.RequestedRangeNotSatisfiable when offset > 0:
                    if (response.Content.Headers.ContentRange?.Length == offset) return; // the partial file is already complete
                    File.Delete(part);
                    throw new TransientDownloadException($"server refused to resume at byte {offset}; restarting from zero");
                case HttpStatusCode.PartialContent:
                    var range = response.Content.Headers.ContentRange;
                    if (range?.From != offset)
                    {
                        File.Delete(part);
                        throw new TransientDownloadException($"server resumed at byte {range?.From} instead of {offset}; restarting from zero");
                    }
                    total = range.Length;
                    break;
                case HttpStatusCode.OK:
                    offset = 0; // the server ignored the Range header: start over
                    total = response.Content.Headers.ContentLength;
                    break;
                case >= HttpStatusCode.InternalServerError or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests:
                    throw new TransientDownloadException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
                default:
                    throw new CheckpointFetchException(
                        $"{entry.Name}: HTTP {(int)response.StatusCode} {response.ReasonPhrase} for {url}" +
                        (options.Mirror != null ? " (is the file on the mirror?)" : "") + $". {ManualHint(entry)}");
            }
            await CopyBodyAsync(entry, response, part, offset, total, ct);
        }
    }

    private async Task CopyBodyAsync(CheckpointEntry entry, HttpResponseMessage response, string part, long offset, long? total, CancellationToken ct)
    {
        FileStream file;
        try
        {
            file = new FileStream(part, offset == 0 ? FileMode.Create : FileMode.Append, FileAccess.Write, FileShare.None, BufferSize);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointFetchException($"Cannot write {part}: {e.Message}. Choose a writable directory with --checkpoint-dir.", e);
        }
        await using (file)
        {
            long written = offset;
            var buffer = new byte[BufferSize];
            using var readTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(ct);
                while (true)
                {
                    readTimeout.CancelAfter(options.ReadTimeout);
                    int n = await body.ReadAsync(buffer, readTimeout.Token);
                    if (n == 0) break;
                    await WriteChunkAsync(file, buffer, n, part, ct);
                    written += n;
                    progress?.Invoke(new DownloadProgress(entry.Name, written, total, "downloading"));
                }
            }
            catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
            {
                throw new TransientDownloadException($"no data for {options.ReadTimeout.TotalSeconds:0} s after byte {written}", e);
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                throw new TransientDownloadException($"connection dropped after byte {written}{(total is { } t ? $" of {t}" : "")}: {e.Message}", e);
            }
            if (total is { } expectedTotal && written != expectedTotal)
                throw new TransientDownloadException($"connection closed after byte {written} of {expectedTotal}");
        }
    }

    private static async Task WriteChunkAsync(FileStream file, byte[] buffer, int count, string part, CancellationToken ct)
    {
        try
        {
            await file.WriteAsync(buffer.AsMemory(0, count), ct);
        }
        catch (IOException e)
        {
            throw new CheckpointFetchException($"Cannot write {part}: {e.Message} (disk full?). The partial file is kept for resuming.", e);
        }
    }

    private static long PartLength(string part) => File.Exists(part) ? new FileInfo(part).Length : 0;
}

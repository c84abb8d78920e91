using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Mast3r.Reproduction;

/// <summary>
/// A per-item cache of expensive pipeline outputs (matches per query or pair), bound to a key made of the predictor
/// identity (checkpoint sha256 or oracle), the dataset fingerprint and the pipeline settings. Each key gets its own
/// sub-directory <c>&lt;directory&gt;/&lt;key hash&gt;/</c> holding the key in clear (<c>cache-key.json</c>): a killed run
/// resumes from the items of the same key, and a changed checkpoint, dataset or setting starts a fresh cache beside the
/// old one instead of mixing results or failing (older keys stay on disk until the run directory is deleted).
/// A key file that disagrees with its directory (edited by hand, or a hash collision) throws <see cref="StaleCacheException"/>.
/// </summary>
internal sealed class ResultCache
{
    private const string KeyFile = "cache-key.json";

    private ResultCache(string directory) => Directory = directory;

    public string Directory { get; }

    /// <summary>Number of items served from the cache so far (reported in provenance).</summary>
    public int Hits { get; private set; }

    /// <summary>Number of items computed (not found in the cache) so far.</summary>
    public int Computed { get; private set; }

    /// <summary>Told one line per computed item (name, seconds, counts), so a long run shows where it is.</summary>
    public Action<string>? Progress { get; set; }

    public static ResultCache Open(string directory, IReadOnlyDictionary<string, string> key)
    {
        var sorted = key.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value);
        string canonical = JsonSerializer.Serialize(sorted, new JsonSerializerOptions { WriteIndented = true });
        string keyed = Path.Combine(directory, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..16].ToLowerInvariant());
        System.IO.Directory.CreateDirectory(keyed);
        string keyPath = Path.Combine(keyed, KeyFile);
        if (File.Exists(keyPath))
        {
            var existing = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(keyPath)) ?? new();
            var diffs = sorted.Keys.Union(existing.Keys)
                .Where(k => sorted.GetValueOrDefault(k) != existing.GetValueOrDefault(k))
                .Select(k => $"{k}: cached '{existing.GetValueOrDefault(k)}' vs now '{sorted.GetValueOrDefault(k)}'").ToList();
            if (diffs.Count > 0)
                throw new StaleCacheException($"The cache in {keyed} records other inputs than its name says ({string.Join("; ", diffs)}). " +
                                              "Delete that directory.");
        }
        else File.WriteAllText(keyPath, canonical);
        return new ResultCache(keyed);
    }

    /// <summary>Returns the cached item or computes, stores and returns it.</summary>
    public T GetOrCompute<T>(string itemName, Func<T> compute)
    {
        string path = ItemPath(itemName);
        if (File.Exists(path))
        {
            var cached = JsonSerializer.Deserialize<T>(File.ReadAllText(path));
            if (cached is not null) { Hits++; return cached; }
        }
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        var value = compute();
        Computed++;
        Progress?.Invoke(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{itemName}: computed in {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s ({Computed} computed, {Hits} from the cache)"));
        string tmp = path + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(tmp, JsonSerializer.Serialize(value));
        File.Move(tmp, path, overwrite: true);
        return value;
    }

    /// <summary>SHA-256 (hex) of the given files' names and contents: the dataset fingerprint.</summary>
    public static string Fingerprint(IEnumerable<string> files)
    {
        using var sha = SHA256.Create();
        foreach (var f in files.OrderBy(f => f, StringComparer.Ordinal))
        {
            var name = Encoding.UTF8.GetBytes(Path.GetFileName(f) + "\n");
            sha.TransformBlock(name, 0, name.Length, null, 0);
            var bytes = File.ReadAllBytes(f);
            sha.TransformBlock(bytes, 0, bytes.Length, null, 0);
        }
        sha.TransformFinalBlock(Array.Empty<byte>(), 0, 0);
        return Convert.ToHexString(sha.Hash!).ToLowerInvariant();
    }

    private string ItemPath(string itemName)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(itemName)))[..24].ToLowerInvariant();
        return Path.Combine(Directory, hash + ".json");
    }
}

/// <summary>Thrown when a cache directory belongs to other inputs (checkpoint, dataset or settings).</summary>
internal sealed class StaleCacheException(string message) : InvalidOperationException(message);

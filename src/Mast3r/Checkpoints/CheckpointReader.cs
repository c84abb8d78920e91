using System.IO.Compression;

namespace Mast3r.Checkpoints;

/// <summary>
/// Opens the PyTorch zip container (architecture-spec §3): finds <c>&lt;prefix&gt;/data.pkl</c> by suffix, unpickles
/// it with <see cref="RestrictedUnpickler"/>, and reads each referenced storage from <c>&lt;prefix&gt;/data/&lt;key&gt;</c>.
/// Only entries of the archive are looked up by name; nothing is extracted to disk. Mirrors the loading half of
/// <c>torch.load</c> (torch/serialization.py) for the subset torch.save emits for state dicts.
/// </summary>
internal static class CheckpointReader
{
    private const long MaxPickleBytes = 256L << 20;

    public static Checkpoint Read(string path)
    {
        if (!File.Exists(path)) throw new CheckpointException(path, "file", "not found");
        try
        {
            string sha = Checkpoint.HashFile(path);
            using var raw = OpenPossiblyGzipped(path);
            return ReadZip(path, sha, raw);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(path, "archive", $"cannot be read as a PyTorch zip checkpoint ({e.Message})", e);
        }
    }

    private static Stream OpenPossiblyGzipped(string path)
    {
        var file = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        int n = file.Read(magic);
        file.Position = 0;
        if (n == 2 && magic[0] == 0x1f && magic[1] == 0x8b)
        {
            // ZipArchive needs a seekable stream; the full release file exceeds a MemoryStream, so use a temp file.
            var temp = new FileStream(System.IO.Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite,
                FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            using (file)
            using (var gz = new GZipStream(file, CompressionMode.Decompress))
                gz.CopyTo(temp);
            temp.Position = 0;
            return temp;
        }
        if (n == 2 && magic[0] == 0x80)
        {
            file.Dispose();
            throw new CheckpointException(path, "format", "legacy (pre-1.6) torch.save format is not supported; re-save with a recent torch");
        }
        return file;
    }

    private static Checkpoint ReadZip(string path, string sha, Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);
        var pickles = zip.Entries.Where(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal)
                                             && e.FullName.IndexOf('/') == e.FullName.Length - "/data.pkl".Length).ToList();
        if (pickles.Count != 1)
            throw new CheckpointException(path, "data.pkl", pickles.Count == 0 ? "no '<prefix>/data.pkl' entry in the archive" : "more than one data.pkl entry");
        var pkl = pickles[0];
        string prefix = pkl.FullName[..^"data.pkl".Length];
        if (pkl.Length > MaxPickleBytes) throw new CheckpointException(path, pkl.FullName, $"implausibly large ({pkl.Length} bytes)");
        var top = RestrictedUnpickler.Load(ReadEntry(path, pkl, pkl.Length), path, pkl.FullName);

        var (model, args) = SplitTop(path, top);
        var keys = new List<string>();
        var tensors = new Dictionary<string, TensorRef>(StringComparer.Ordinal);
        var storages = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (k, v) in model.Items)
        {
            string key = k as string ?? throw new CheckpointException(path, $"state-dict key {k}", "is not a string");
            var t = v as TensorRef ?? throw new CheckpointException(path, key, "value is not a tensor");
            keys.Add(key);
            tensors[key] = t;
            if (storages.ContainsKey(t.Storage.Key)) continue;
            string name = prefix + "data/" + t.Storage.Key;
            var entry = zip.GetEntry(name) ?? throw new CheckpointException(path, name, $"storage of '{key}' is missing from the archive");
            long expected = checked(t.Storage.Numel * t.Storage.ItemSize);
            if (entry.Length != expected)
                throw new CheckpointException(path, name, $"storage of '{key}' has {entry.Length} bytes, expected {expected}");
            storages[t.Storage.Key] = ReadEntry(path, entry, expected);
        }
        return new Checkpoint(path, sha, keys, tensors, storages, args);
    }

    private static (PyDict Model, IReadOnlyDictionary<string, object?> Args) SplitTop(string path, object? top)
    {
        if (top is not PyDict dict) throw new CheckpointException(path, "data.pkl", "top level is not a dict");
        if (dict.TryGet("model", out var model))
        {
            var md = model as PyDict ?? throw new CheckpointException(path, "model", "is not a state dict");
            IReadOnlyDictionary<string, object?> args = new Dictionary<string, object?>();
            if (dict.TryGet("args", out var a))
                args = (a as PyNamespace)?.Attributes ?? throw new CheckpointException(path, "args", "is not an argparse.Namespace");
            return (md, args);
        }
        return (dict, new Dictionary<string, object?>()); // a bare state dict
    }

    private static byte[] ReadEntry(string path, ZipArchiveEntry entry, long length)
    {
        if (length > Array.MaxLength) throw new CheckpointException(path, entry.FullName, "entry too large");
        var buffer = new byte[length];
        using var s = entry.Open();
        try
        {
            s.ReadExactly(buffer);
        }
        catch (EndOfStreamException e)
        {
            throw new CheckpointException(path, entry.FullName, "entry is truncated", e);
        }
        uint crc = Crc32.Compute(buffer);
        if (crc != entry.Crc32)
            throw new CheckpointException(path, entry.FullName, $"CRC-32 {crc:x8} does not match the archive's {entry.Crc32:x8} (corrupted file)");
        return buffer;
    }
}

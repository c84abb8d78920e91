using System.Runtime.InteropServices;
using System.Security.Cryptography;
using TorchSharp;

namespace Mast3r.Checkpoints;

/// <summary>
/// A PyTorch checkpoint read without Python: the state dict (key order kept, aliased storages shared), the
/// <c>args</c> namespace when present (the model string is <c>args.model</c>), and the file's SHA-256.
/// Accepts the official layout <c>{'model', 'args'}</c> (extra top-level entries such as an optimizer are ignored),
/// a bare state dict, and either gzip-compressed (<c>.pth.gz</c>, detected by content).
/// </summary>
public sealed class Checkpoint
{
    private readonly Dictionary<string, TensorRef> _tensors;
    private readonly Dictionary<string, byte[]> _storages;

    internal Checkpoint(string path, string sha256, IReadOnlyList<string> keys, Dictionary<string, TensorRef> tensors,
        Dictionary<string, byte[]> storages, IReadOnlyDictionary<string, object?> args)
    {
        Path = path;
        Sha256 = sha256;
        Keys = keys;
        _tensors = tensors;
        _storages = storages;
        Args = args;
    }

    /// <summary>The file it was read from.</summary>
    public string Path { get; }

    /// <summary>Lower-case hex SHA-256 of the file as stored on disk (before any gunzip).</summary>
    public string Sha256 { get; }

    /// <summary>State-dict keys in file order.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>The <c>args</c> namespace (str/long/double/bool/null values); empty for a bare state dict.</summary>
    public IReadOnlyDictionary<string, object?> Args { get; }

    /// <summary><c>args.model</c>, the constructor string, or null when the file has none.</summary>
    public string? ModelString => Args.TryGetValue("model", out var m) ? m as string : null;

    /// <summary>Reads a checkpoint; every failure is a <see cref="CheckpointException"/> naming the file and item.</summary>
    public static Checkpoint Load(string path) => CheckpointReader.Read(path);

    /// <summary>The shape of a state-dict entry.</summary>
    public long[] ShapeOf(string key) => Ref(key).Shape.ToArray();

    /// <summary>The entry as a new contiguous float32 CPU tensor (Half/BFloat16 storages are widened).</summary>
    public torch.Tensor ToTensor(string key)
    {
        var t = Ref(key);
        using var flat = torch.tensor(StorageAsFloats(t.Storage));
        using var view = flat.as_strided(t.Shape, t.Stride, t.Offset);
        return view.contiguous().clone();
    }

    /// <summary>The storage key behind an entry (equal for aliases of one tensor).</summary>
    internal string StorageKeyOf(string key) => Ref(key).Storage.Key;

    private TensorRef Ref(string key) =>
        _tensors.TryGetValue(key, out var t) ? t : throw new CheckpointException(Path, key, "no such state-dict key");

    private float[] StorageAsFloats(StorageRef s)
    {
        var bytes = _storages[s.Key];
        switch (s.Type)
        {
            case PickleGlobal.FloatStorage:
                return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
            case PickleGlobal.HalfStorage:
                return MemoryMarshal.Cast<byte, Half>(bytes).ToArray().Select(h => (float)h).ToArray();
            default:
                var raw = MemoryMarshal.Cast<byte, ushort>(bytes);
                var result = new float[raw.Length];
                for (int i = 0; i < raw.Length; i++) result[i] = BitConverter.Int32BitsToSingle(raw[i] << 16);
                return result;
        }
    }

    internal static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

using System.IO.Compression;
using System.Text;

namespace Mast3r.Tests.TestSupport;

/// <summary>
/// Writes small checkpoints in torch.save's zip layout (prefix/data.pkl, prefix/data/&lt;key&gt;, prefix/version), with
/// a protocol-2 pickle of {'model': OrderedDict(tensors), 'args': Namespace(...)} — the structure of
/// architecture-spec §3 — so loader tests and the fuzz test do not need Python or the 180 MB fixture.
/// </summary>
internal sealed class MiniCheckpointWriter
{
    private readonly MemoryStream _pkl = new();
    private readonly Dictionary<string, float[]> _storages = new();
    private int _memo;

    public record TensorSpec(string Key, string StorageKey, long Offset, long[] Shape, long[] Stride);

    /// <summary>A checkpoint with an aliased storage, a strided view and a typical args namespace.</summary>
    public static byte[] Standard(string modelString = "AsymmetricMASt3R(pos_embed='RoPE100')")
    {
        var storages = new Dictionary<string, float[]>
        {
            ["0"] = Enumerable.Range(0, 12).Select(i => i * 0.5f - 1).ToArray(),
            ["1"] = Enumerable.Range(0, 6).Select(i => i * 0.25f).ToArray(),
        };
        TensorSpec[] tensors =
        [
            new("a.weight", "0", 0, [3, 4], [4, 1]),
            new("a.alias", "0", 0, [3, 4], [4, 1]),
            new("b.bias", "1", 0, [6], [1]),
            new("c.view", "0", 2, [2, 3], [1, 2]),
        ];
        var args = new (string, object?)[] { ("model", modelString), ("lr", 1e-4), ("epochs", 50L), ("amp", false), ("resume", null) };
        return Write(tensors, storages, args);
    }

    public static byte[] Write(IReadOnlyList<TensorSpec> tensors, Dictionary<string, float[]> storages, (string, object?)[]? args,
        string prefix = "archive", Func<byte[], byte[]>? editPickle = null)
    {
        var w = new MiniCheckpointWriter();
        foreach (var kv in storages) w._storages[kv.Key] = kv.Value;
        byte[] pkl = w.Pickle(tensors, args);
        if (editPickle != null) pkl = editPickle(pkl);
        return Zip(prefix, pkl, storages.ToDictionary(kv => kv.Key, kv => Bytes(kv.Value)));
    }

    public static byte[] Zip(string prefix, byte[] pkl, IReadOnlyDictionary<string, byte[]> storages, IEnumerable<(string, byte[])>? extra = null)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, byte[] data)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
                s.Write(data);
            }
            Add($"{prefix}/data.pkl", pkl);
            foreach (var kv in storages) Add($"{prefix}/data/{kv.Key}", kv.Value);
            Add($"{prefix}/version", "3\n"u8.ToArray());
            foreach (var (name, data) in extra ?? []) Add(name, data);
        }
        return ms.ToArray();
    }

    public static byte[] Bytes(float[] values)
    {
        var b = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, b, 0, b.Length);
        return b;
    }

    private byte[] Pickle(IReadOnlyList<TensorSpec> tensors, (string, object?)[]? args)
    {
        Op(0x80); Op(2);
        Op('}'); Put();
        Op('(');
        Str("model");
        Global("collections", "OrderedDict"); Op(')'); Op('R'); Put();
        Op('(');
        foreach (var t in tensors)
        {
            Str(t.Key);
            Global("torch._utils", "_rebuild_tensor_v2");
            Op('(');
            Op('('); Str("storage"); Global("torch", "FloatStorage"); Str(t.StorageKey); Str("cpu"); Int(_storages[t.StorageKey].Length); Op('t');
            Op('Q');
            Int(t.Offset);
            Tuple(t.Shape);
            Tuple(t.Stride);
            Op(0x89);
            Global("collections", "OrderedDict"); Op(')'); Op('R');
            Op('t');
            Op('R'); Put();
        }
        Op('u');
        Op('}'); Str("_metadata"); Global("collections", "OrderedDict"); Op(')'); Op('R'); Op('s'); Op('b');
        if (args != null)
        {
            Str("args");
            Global("argparse", "Namespace"); Op(')'); Op(0x81); Put();
            Op('}'); Op('(');
            foreach (var (k, v) in args)
            {
                Str(k);
                switch (v)
                {
                    case string s: Str(s); break;
                    case long l: Int(l); break;
                    case double d: Op('G'); var b = BitConverter.GetBytes(d); Array.Reverse(b); _pkl.Write(b); break;
                    case bool flag: Op(flag ? 0x88 : 0x89); break;
                    default: Op('N'); break;
                }
            }
            Op('u'); Op('b');
        }
        Op('u');
        Op('.');
        return _pkl.ToArray();
    }

    private void Op(int b) => _pkl.WriteByte((byte)b);

    private void Put() { Op('q'); Op(_memo++ & 0xff); }

    private void Str(string s)
    {
        var b = Encoding.UTF8.GetBytes(s);
        Op('X');
        _pkl.Write(BitConverter.GetBytes(b.Length));
        _pkl.Write(b);
    }

    private void Global(string module, string name)
    {
        Op('c');
        _pkl.Write(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));
    }

    private void Int(long v)
    {
        if (v is >= 0 and < 256) { Op('K'); Op((int)v); }
        else { Op('J'); _pkl.Write(BitConverter.GetBytes((int)v)); }
    }

    private void Tuple(long[] values)
    {
        Op('(');
        foreach (var v in values) Int(v);
        Op('t');
    }
}

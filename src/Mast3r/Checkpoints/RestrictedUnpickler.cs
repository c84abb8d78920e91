using System.Buffers.Binary;
using System.Text;

namespace Mast3r.Checkpoints;

/// <summary>
/// A pickle (protocol ≤ 2) interpreter that understands only what <c>torch.save</c> writes for a MASt3R checkpoint:
/// the opcodes and the four globals of architecture-spec §3 (plus the Half/BFloat16 storage types). Anything else is
/// rejected with a <see cref="CheckpointException"/>, so a crafted file cannot construct arbitrary objects.
/// Mirrors the role of <c>torch.load(weights_only=True)</c>'s restricted unpickler, written from the pickle format.
/// </summary>
internal sealed class RestrictedUnpickler
{
    private readonly byte[] _data;
    private readonly string _file;
    private readonly string _entry;
    private readonly List<object?> _stack = new();
    private readonly Dictionary<long, object?> _memo = new();
    private readonly Dictionary<string, StorageRef> _storages = new(StringComparer.Ordinal);
    private int _pos;
    private int _opStart;

    private RestrictedUnpickler(byte[] data, string file, string entry)
    {
        _data = data;
        _file = file;
        _entry = entry;
    }

    /// <summary>Unpickles <paramref name="data"/>; errors name <paramref name="file"/> and the entry/byte.</summary>
    public static object? Load(byte[] data, string file, string entry) => new RestrictedUnpickler(data, file, entry).Run();

    private object? Run()
    {
        while (true)
        {
            _opStart = _pos;
            byte op = ReadByte();
            switch (op)
            {
                case 0x80: // PROTO
                    if (ReadByte() > 2) throw Fail("pickle protocol above 2 is not what torch.save writes");
                    break;
                case (byte)'.': // STOP
                    if (_stack.Count != 1) throw Fail($"STOP with {_stack.Count} items on the stack");
                    return _stack[0] is PickleMark ? throw Fail("STOP on a MARK") : _stack[0];
                case (byte)'(': Push(PickleMark.Instance); break;
                case (byte)'}': Push(new PyDict()); break;
                case (byte)')': Push(Array.Empty<object?>()); break;
                case (byte)']': Push(new List<object?>()); break;
                case (byte)'N': Push(null); break;
                case 0x88: Push(true); break;
                case 0x89: Push(false); break;
                case (byte)'K': Push((long)ReadByte()); break;
                case (byte)'M': Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(2))); break;
                case (byte)'J': Push((long)BinaryPrimitives.ReadInt32LittleEndian(Take(4))); break;
                case 0x8a: Push(ReadLong1()); break;
                case (byte)'G': Push(BinaryPrimitives.ReadDoubleBigEndian(Take(8))); break;
                case (byte)'X': Push(ReadUnicode()); break;
                case (byte)'c': Push(ReadGlobal()); break;
                case (byte)'t': Push(PopToMark().ToArray()); break;
                case 0x85: Push(new[] { Pop() }); break;
                case 0x86: { var b = Pop(); var a = Pop(); Push(new[] { a, b }); break; }
                case 0x87: { var c = Pop(); var b = Pop(); var a = Pop(); Push(new[] { a, b, c }); break; }
                case (byte)'q': _memo[ReadByte()] = Peek(); break;
                case (byte)'r': _memo[BinaryPrimitives.ReadUInt32LittleEndian(Take(4))] = Peek(); break;
                case (byte)'h': Push(MemoGet(ReadByte())); break;
                case (byte)'j': Push(MemoGet(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)))); break;
                case (byte)'s': { var v = Pop(); var k = Pop(); SetItem(Peek(), k, v); break; }
                case (byte)'u': SetItems(); break;
                case (byte)'a': { var v = Pop(); AsList(Peek()).Add(v); break; }
                case (byte)'e': { var items = PopToMark(); AsList(Peek()).AddRange(items); break; }
                case (byte)'Q': Push(PersistentLoad(Pop())); break;
                case (byte)'R': { var args = Pop(); var fn = Pop(); Push(Reduce(fn, args)); break; }
                case 0x81: { var args = Pop(); var cls = Pop(); Push(NewObj(cls, args)); break; }
                case (byte)'b': { var state = Pop(); Build(Peek(), state); break; }
                default:
                    throw Fail($"opcode 0x{op:x2} is not allowed in a checkpoint pickle");
            }
        }
    }

    private object ReadGlobal()
    {
        string module = ReadLine(), name = ReadLine();
        return (module, name) switch
        {
            ("collections", "OrderedDict") => PickleGlobal.OrderedDict,
            ("torch._utils", "_rebuild_tensor_v2") => PickleGlobal.RebuildTensorV2,
            ("argparse", "Namespace") => PickleGlobal.Namespace,
            ("torch", "FloatStorage") => PickleGlobal.FloatStorage,
            ("torch", "HalfStorage") => PickleGlobal.HalfStorage,
            ("torch", "BFloat16Storage") => PickleGlobal.BFloat16Storage,
            _ => throw Fail($"global '{module}.{name}' is not on the allow-list"),
        };
    }

    private object Reduce(object? fn, object? args)
    {
        var a = args as object?[] ?? throw Fail("REDUCE arguments are not a tuple");
        switch (fn)
        {
            case PickleGlobal.OrderedDict when a.Length == 0:
                return new PyDict();
            case PickleGlobal.RebuildTensorV2 when a.Length is 6 or 7:
                var storage = a[0] as StorageRef ?? throw Fail("_rebuild_tensor_v2: first argument is not a storage");
                long offset = AsInt(a[1], "storage_offset");
                long[] shape = AsInts(a[2], "size"), stride = AsInts(a[3], "stride");
                if (shape.Length != stride.Length) throw Fail("_rebuild_tensor_v2: size and stride differ in length");
                if (a[4] is not bool) throw Fail("_rebuild_tensor_v2: requires_grad is not a bool");
                if (a[5] is not PyDict { Items.Count: 0 }) throw Fail("_rebuild_tensor_v2: backward hooks are not empty");
                if (a.Length == 7 && a[6] is not null) throw Fail("_rebuild_tensor_v2: metadata is not None");
                return CheckView(new TensorRef(storage, offset, shape, stride));
            default:
                throw Fail($"REDUCE of {Describe(fn)} with {a.Length} arguments is not allowed");
        }
    }

    private TensorRef CheckView(TensorRef t)
    {
        if (t.Offset < 0 || t.Shape.Any(s => s < 0) || t.Stride.Any(s => s < 0)) throw Fail("tensor with a negative offset, size or stride");
        if (t.Shape.Any(s => s == 0)) return t;
        long last = t.Offset;
        for (int i = 0; i < t.Shape.Length; i++)
            last = checked(last + (t.Shape[i] - 1) * t.Stride[i]);
        if (last >= t.Storage.Numel) throw Fail($"tensor view reaches element {last} of storage '{t.Storage.Key}' with {t.Storage.Numel} elements");
        return t;
    }

    private object NewObj(object? cls, object? args)
    {
        if (cls is PickleGlobal.Namespace && args is object?[] { Length: 0 }) return new PyNamespace();
        throw Fail($"NEWOBJ of {Describe(cls)} is not allowed");
    }

    private void Build(object? target, object? state)
    {
        switch (target, state)
        {
            case (PyNamespace ns, PyDict d):
                foreach (var (k, v) in d.Items)
                    ns.Attributes[k as string ?? throw Fail("Namespace attribute name is not a string")] = v;
                break;
            case (PyDict, PyDict d) when d.Items.All(kv => kv.Key is "_metadata"):
                break; // the state dict's per-module version info: irrelevant for loading
            default:
                throw Fail($"BUILD of {Describe(target)} with {Describe(state)} is not allowed");
        }
    }

    private object PersistentLoad(object? pid)
    {
        if (pid is not object?[] { Length: 5 } t || t[0] is not "storage")
            throw Fail("persistent id is not ('storage', type, key, location, numel)");
        if (t[1] is not (PickleGlobal.FloatStorage or PickleGlobal.HalfStorage or PickleGlobal.BFloat16Storage))
            throw Fail($"storage type {Describe(t[1])} is not supported");
        var type = (PickleGlobal)t[1]!;
        string key = t[2] as string ?? throw Fail("storage key is not a string");
        if (key.Length == 0 || key.Length > 64 || !key.All(char.IsAsciiLetterOrDigit))
            throw Fail($"storage key '{key}' is not a plain name");
        if (t[3] is not string) throw Fail("storage location is not a string");
        long numel = AsInt(t[4], "storage numel");
        if (numel < 0) throw Fail("negative storage size");
        if (_storages.TryGetValue(key, out var known))
        {
            if (known.Type != type || known.Numel != numel) throw Fail($"storage '{key}' is declared twice with different type or size");
            return known;
        }
        return _storages[key] = new StorageRef(type, key, numel);
    }

    private void SetItems()
    {
        var items = PopToMark();
        if (items.Count % 2 != 0) throw Fail("SETITEMS with an odd number of items");
        var target = Peek();
        for (int i = 0; i < items.Count; i += 2) SetItem(target, items[i], items[i + 1]);
    }

    private void SetItem(object? target, object? key, object? value)
    {
        if (target is not PyDict d) throw Fail($"SETITEM on {Describe(target)}");
        if (key is not (string or long or double or bool)) throw Fail($"dict key of type {Describe(key)}");
        d.Set(key, value);
    }

    private List<object?> AsList(object? o) => o as List<object?> ?? throw Fail($"APPEND on {Describe(o)}");

    private long AsInt(object? o, string what) => o is long l ? l : throw Fail($"{what} is not an integer");

    private long[] AsInts(object? o, string what) =>
        o is object?[] t ? t.Select(x => AsInt(x, what)).ToArray() : throw Fail($"{what} is not a tuple");

    private long ReadLong1()
    {
        int n = ReadByte();
        if (n > 8) throw Fail($"LONG1 of {n} bytes does not fit 64 bits");
        var bytes = Take(n);
        long value = 0;
        for (int i = n - 1; i >= 0; i--) value = (value << 8) | bytes[i];
        if (n is > 0 and < 8 && (bytes[n - 1] & 0x80) != 0) value -= 1L << (8 * n);
        return value;
    }

    private string ReadUnicode()
    {
        uint n = BinaryPrimitives.ReadUInt32LittleEndian(Take(4));
        if (n > _data.Length - _pos) throw Fail($"string of {n} bytes runs past the end");
        try
        {
            return new UTF8Encoding(false, true).GetString(Take((int)n));
        }
        catch (DecoderFallbackException e)
        {
            throw Fail("string is not valid UTF-8", e);
        }
    }

    private string ReadLine()
    {
        int end = Array.IndexOf(_data, (byte)'\n', _pos);
        if (end < 0 || end - _pos > 256) throw Fail("GLOBAL name is not terminated");
        string s = Encoding.ASCII.GetString(_data, _pos, end - _pos);
        _pos = end + 1;
        return s;
    }

    private byte ReadByte() => Take(1)[0];

    private byte[] Take(int n)
    {
        if (n < 0 || n > _data.Length - _pos) throw Fail("pickle is truncated");
        var slice = _data.AsSpan(_pos, n).ToArray();
        _pos += n;
        return slice;
    }

    private object? MemoGet(long index) => _memo.TryGetValue(index, out var v) ? v : throw Fail($"memo entry {index} was never stored");

    private void Push(object? o) => _stack.Add(o);

    private object? Peek() => _stack.Count > 0 && _stack[^1] is not PickleMark ? _stack[^1] : throw Fail("stack underflow");

    private object? Pop()
    {
        var top = Peek();
        _stack.RemoveAt(_stack.Count - 1);
        return top;
    }

    private List<object?> PopToMark()
    {
        int mark = _stack.FindLastIndex(o => o is PickleMark);
        if (mark < 0) throw Fail("no MARK on the stack");
        var items = _stack.GetRange(mark + 1, _stack.Count - mark - 1);
        _stack.RemoveRange(mark, _stack.Count - mark);
        return items;
    }

    private static string Describe(object? o) => o switch
    {
        null => "None",
        PickleGlobal g => g.ToString(),
        _ => o.GetType().Name,
    };

    private CheckpointException Fail(string problem, Exception? inner = null) =>
        new(_file, $"{_entry} byte {_opStart}", problem, inner);
}

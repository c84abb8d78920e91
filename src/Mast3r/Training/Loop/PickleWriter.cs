using System.Buffers.Binary;
using System.Text;

namespace Mast3r.Training.Loop;

/// <summary>A tensor to pickle: its storage key (the zip entry name) and float32 shape.</summary>
internal sealed record PickledTensor(string StorageKey, long[] Shape, long Numel);

/// <summary>argparse.Namespace: attributes in insertion order.</summary>
internal sealed record PickledNamespace(IReadOnlyList<KeyValuePair<string, object?>> Attributes);

/// <summary>collections.OrderedDict with string keys.</summary>
internal sealed record PickledOrderedDict(IReadOnlyList<KeyValuePair<string, object?>> Items);

/// <summary>
/// Writes Python pickle protocol 2 for the object shapes <c>torch.save</c> produces for training checkpoints:
/// None, bool, int, float, str, tuple (object[]), list (List), dict (Dictionary with string or int keys, insertion
/// order), OrderedDict, argparse.Namespace and float32 tensors as <c>torch._utils._rebuild_tensor_v2</c> over a
/// persistent <c>('storage', torch.FloatStorage, key, 'cpu', numel)</c>. No memo is emitted (valid pickle; the
/// objects are trees). Only opcodes the restricted unpickler of Mast3r.Checkpoints accepts are used.
/// </summary>
internal sealed class PickleWriter
{
    private readonly MemoryStream _out = new();

    public static byte[] Dump(object? root)
    {
        var w = new PickleWriter();
        w._out.Write(new byte[] { 0x80, 2 });
        w.Write(root);
        w._out.WriteByte((byte)'.');
        return w._out.ToArray();
    }

    private void Write(object? o)
    {
        switch (o)
        {
            case null: Op('N'); break;
            case bool b: _out.WriteByte(b ? (byte)0x88 : (byte)0x89); break;
            case int i: Int(i); break;
            case long l: Int(l); break;
            case float f: Float(f); break;
            case double d: Float(d); break;
            case string s: Str(s); break;
            case object?[] tuple: Tuple(tuple); break;
            case PickledTensor t: Tensor(t); break;
            case PickledNamespace ns:
                Global("argparse", "Namespace");
                Op(')');
                _out.WriteByte(0x81); // NEWOBJ
                Dict(ns.Attributes.Select(kv => new KeyValuePair<object, object?>(kv.Key, kv.Value)));
                Op('b'); // BUILD
                break;
            case PickledOrderedDict od:
                Global("collections", "OrderedDict");
                Op(')');
                Op('R');
                SetItems(od.Items.Select(kv => new KeyValuePair<object, object?>(kv.Key, kv.Value)));
                break;
            case System.Collections.IDictionary dict:
                Dict(dict.Keys.Cast<object>().Select(k => new KeyValuePair<object, object?>(k, dict[k])));
                break;
            case System.Collections.IList list:
                Op(']');
                if (list.Count > 0)
                {
                    Op('(');
                    foreach (var item in list) Write(item);
                    Op('e'); // APPENDS
                }
                break;
            default: throw new ArgumentException($"cannot pickle {o.GetType().Name}.");
        }
    }

    private void Dict(IEnumerable<KeyValuePair<object, object?>> items)
    {
        Op('}');
        SetItems(items);
    }

    private void SetItems(IEnumerable<KeyValuePair<object, object?>> items)
    {
        var list = items.ToList();
        if (list.Count == 0) return;
        Op('(');
        foreach (var (k, v) in list) { Write(k); Write(v); }
        Op('u'); // SETITEMS
    }

    private void Tuple(object?[] items)
    {
        switch (items.Length)
        {
            case 0: Op(')'); return;
            case 1: Write(items[0]); _out.WriteByte(0x85); return;
            case 2: Write(items[0]); Write(items[1]); _out.WriteByte(0x86); return;
            case 3: Write(items[0]); Write(items[1]); Write(items[2]); _out.WriteByte(0x87); return;
            default:
                Op('(');
                foreach (var item in items) Write(item);
                Op('t');
                return;
        }
    }

    private void Tensor(PickledTensor t)
    {
        Global("torch._utils", "_rebuild_tensor_v2");
        Op('(');
        // Persistent id of the storage, resolved by torch.load from the zip entry data/<key>.
        Op('(');
        Str("storage");
        Global("torch", "FloatStorage");
        Str(t.StorageKey);
        Str("cpu");
        Int(t.Numel);
        Op('t');
        Op('Q'); // BINPERSID
        Int(0);
        Tuple(t.Shape.Select(s => (object?)s).ToArray());
        Tuple(ContiguousStrides(t.Shape).Select(s => (object?)s).ToArray());
        _out.WriteByte(0x89); // requires_grad False
        Global("collections", "OrderedDict");
        Op(')');
        Op('R');
        Op('t');
        Op('R');
    }

    internal static long[] ContiguousStrides(long[] shape)
    {
        var strides = new long[shape.Length];
        long s = 1;
        for (int i = shape.Length - 1; i >= 0; i--) { strides[i] = s; s *= shape[i]; }
        return strides;
    }

    private void Global(string module, string name)
    {
        Op('c');
        var bytes = Encoding.ASCII.GetBytes($"{module}\n{name}\n");
        _out.Write(bytes);
    }

    private void Int(long v)
    {
        Span<byte> buf = stackalloc byte[8];
        if (v >= 0 && v < 256) { Op('K'); _out.WriteByte((byte)v); }
        else if (v >= 0 && v < 65536) { Op('M'); BinaryPrimitives.WriteUInt16LittleEndian(buf, (ushort)v); _out.Write(buf[..2]); }
        else if (v >= int.MinValue && v <= int.MaxValue) { Op('J'); BinaryPrimitives.WriteInt32LittleEndian(buf, (int)v); _out.Write(buf[..4]); }
        else { _out.WriteByte(0x8a); _out.WriteByte(8); BinaryPrimitives.WriteInt64LittleEndian(buf, v); _out.Write(buf); }
    }

    private void Float(double d)
    {
        Span<byte> buf = stackalloc byte[8];
        Op('G');
        BinaryPrimitives.WriteDoubleBigEndian(buf, d);
        _out.Write(buf);
    }

    private void Str(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        Span<byte> len = stackalloc byte[4];
        Op('X');
        BinaryPrimitives.WriteUInt32LittleEndian(len, (uint)bytes.Length);
        _out.Write(len);
        _out.Write(bytes);
    }

    private void Op(char c) => _out.WriteByte((byte)c);
}

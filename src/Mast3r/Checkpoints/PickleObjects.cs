namespace Mast3r.Checkpoints;

/// <summary>The only callables the restricted unpickler resolves (architecture-spec §3).</summary>
internal enum PickleGlobal
{
    OrderedDict,
    RebuildTensorV2,
    Namespace,
    FloatStorage,
    HalfStorage,
    BFloat16Storage,
}

/// <summary>An insertion-ordered Python dict (also stands for OrderedDict); keys are strings or numbers.</summary>
internal sealed class PyDict
{
    private readonly Dictionary<object, int> _index = new();

    public List<KeyValuePair<object, object?>> Items { get; } = new();

    public void Set(object key, object? value)
    {
        if (_index.TryGetValue(key, out int i)) Items[i] = new(key, value);
        else
        {
            _index[key] = Items.Count;
            Items.Add(new(key, value));
        }
    }

    public bool TryGet(object key, out object? value)
    {
        if (_index.TryGetValue(key, out int i))
        {
            value = Items[i].Value;
            return true;
        }
        value = null;
        return false;
    }
}

/// <summary>An <c>argparse.Namespace</c>: attribute name → plain value.</summary>
internal sealed class PyNamespace
{
    public Dictionary<string, object?> Attributes { get; } = new(StringComparer.Ordinal);
}

/// <summary>A storage named by a persistent id: <c>('storage', type, key, location, numel)</c>.</summary>
internal sealed record StorageRef(PickleGlobal Type, string Key, long Numel)
{
    public int ItemSize => Type == PickleGlobal.FloatStorage ? 4 : 2;
}

/// <summary>A tensor as <c>_rebuild_tensor_v2</c> describes it: a strided view of one storage.</summary>
internal sealed record TensorRef(StorageRef Storage, long Offset, long[] Shape, long[] Stride)
{
    public long Numel => Shape.Aggregate(1L, (a, b) => a * b);
}

/// <summary>The MARK sentinel on the unpickler stack.</summary>
internal sealed class PickleMark
{
    public static readonly PickleMark Instance = new();
}

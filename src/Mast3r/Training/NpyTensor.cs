using Mast3r.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace Mast3r.Training;

/// <summary>Conversions between <see cref="NpyArray"/> and TorchSharp tensors (CPU, C order).</summary>
internal static class NpyTensor
{
    /// <summary>Loads a .npy file as a tensor of its own dtype (bool stays bool, int64 stays int64).</summary>
    public static Tensor Load(string path) => ToTensor(NpyArray.Load(path));

    public static Tensor ToTensor(NpyArray a) => a.DType switch
    {
        "<f4" => torch.tensor(a.ToFloats(), a.Shape),
        "<f8" => torch.tensor(a.ToDoubles(), a.Shape),
        "<i4" => torch.tensor(a.ToLongs().Select(v => (int)v).ToArray(), a.Shape),
        "<i8" => torch.tensor(a.ToLongs(), a.Shape),
        "|b1" => torch.tensor(a.Data.Select(b => b != 0).ToArray(), a.Shape),
        "|u1" => torch.tensor(a.Data, a.Shape),
        _ => throw new InvalidDataException($"npy dtype {a.DType} has no tensor conversion."),
    };

    /// <summary>Copies a CPU tensor (float32/float64/int64/int32/bool/uint8) to an array of the matching NumPy dtype.</summary>
    public static NpyArray FromTensor(Tensor t)
    {
        using var c = t.detach().cpu().contiguous();
        long[] shape = c.shape;
        return c.dtype switch
        {
            ScalarType.Float32 => NpyArray.FromFloats(c.data<float>().ToArray(), shape),
            ScalarType.Float64 => new NpyArray("<f8", shape, ToBytes(c.data<double>().ToArray())),
            ScalarType.Int64 => new NpyArray("<i8", shape, ToBytes(c.data<long>().ToArray())),
            ScalarType.Int32 => NpyArray.FromInts(c.data<int>().ToArray(), shape),
            ScalarType.Bool => new NpyArray("|b1", shape, c.data<bool>().Select(b => b ? (byte)1 : (byte)0).ToArray()),
            ScalarType.Byte => new NpyArray("|u1", shape, c.data<byte>().ToArray()),
            _ => throw new InvalidDataException($"tensor dtype {c.dtype} has no npy conversion."),
        };
    }

    private static byte[] ToBytes<T>(T[] values) where T : unmanaged
    {
        var bytes = new byte[values.Length * System.Runtime.InteropServices.Marshal.SizeOf<T>()];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return bytes;
    }
}

using Mast3r.IO;
using static TorchSharp.torch;

namespace Mast3r.Matching;

/// <summary>Reads a float32 [H, W, D] descriptor map from .npy with errors that name the file.</summary>
internal static class DescriptorMapFile
{
    public static Tensor Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"descriptor file not found: {path}", path);
        NpyArray npy;
        try
        {
            npy = NpyArray.Load(path);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: not a readable .npy file ({e.Message})", e);
        }
        if (npy.DType != "<f4")
            throw new InvalidDataException($"{path}: descriptors must be float32 (<f4), found {npy.DType}");
        if (npy.Shape.Length != 3 || npy.Shape.Any(s => s < 1))
            throw new InvalidDataException($"{path}: descriptors must have shape [H, W, D], found [{string.Join(", ", npy.Shape)}]");
        var values = npy.ToFloats();
        if (values.Any(v => !float.IsFinite(v)))
            throw new InvalidDataException($"{path}: descriptors contain NaN or infinite values");
        return tensor(values, npy.Shape);
    }
}

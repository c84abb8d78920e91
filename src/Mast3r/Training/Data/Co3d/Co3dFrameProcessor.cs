using System.IO.Compression;
using Mast3r.IO;
using Mast3r.Images;

namespace Mast3r.Training.Data.Co3d;

/// <summary>The annotation fields of one CO3Dv2 frame that the preprocessing reads (frame_annotations.jgz).</summary>
internal sealed record Co3dFrameAnnotation(double[] R, double[] T, double[] FocalLength, double[] PrincipalPoint, int Height, int Width, double DepthScaleAdjustment);

/// <summary>One preprocessed frame: RGB image, depth PNG words, mask bytes, and the npz values.</summary>
internal sealed record Co3dProcessedFrame(byte[] Image, int Width, int Height, ushort[] DepthWords, byte[] Mask, double[] K, double[] CamToWorld, float MaximumDepth);

/// <summary>
/// Per-frame work of the official CO3D preprocessing (protocols.md §6.3 steps 2–8) on decoded inputs: camera
/// conversion, principal-point crop, target size, forced rescale (Pillow LANCZOS/BICUBIC for the image, nearest for
/// depth and mask), depth and mask re-quantisation, and the npz content. File discovery, JPEG/PNG codecs and the
/// sequence selection are outside (the selection may come from the official <c>selected_seqs_*.json</c>).
/// </summary>
internal static class Co3dFrameProcessor
{
    public static Co3dProcessedFrame Process(Co3dFrameAnnotation a, byte[] rgb, float[] depth, float[] mask, int imgSize = 512)
    {
        if (a.DepthScaleAdjustment != 1.0) throw new InvalidDataException($"depth.scale_adjustment is {a.DepthScaleAdjustment}, the script requires 1.0.");
        if (rgb.Length != a.Height * a.Width * 3 || depth.Length != a.Height * a.Width || mask.Length != depth.Length)
            throw new ArgumentException($"image/depth/mask sizes do not match the annotated {a.Width}×{a.Height}.");
        var k = Co3dFrameGeometry.Intrinsics(a.FocalLength, a.PrincipalPoint, a.Height, a.Width);
        var pose = Co3dFrameGeometry.CameraToWorld(a.R, a.T);
        var (targetW, targetH) = Co3dFrameGeometry.TargetSize(a.Height, a.Width, imgSize);

        // Image and (depth, mask) share the crop; the mask rides along with the depth through nearest resizing.
        var view = new ViewSample { Image = rgb, Depth = depth, Width = a.Width, Height = a.Height, K = k, CamToWorld = pose };
        var (l, t, r, b) = Co3dFrameGeometry.CropBox(k, a.Height, a.Width);
        var maskView = new ViewSample { Image = new byte[a.Width * a.Height * 3], Depth = mask, Width = a.Width, Height = a.Height, K = k, CamToWorld = pose };
        ViewCropping.Crop(view, l, t, r, b);
        ViewCropping.Crop(maskView, l, t, r, b);
        var (scale, ow, oh, kOut) = Co3dFrameGeometry.Rescale(view.K, view.Width, view.Height, targetW, targetH);
        var image = PillowResampler.Resize(view.Image, view.Width, view.Height, 3, ow, oh, scale < 1 ? ResampleFilter.Lanczos : ResampleFilter.Bicubic);
        var depthOut = ViewCropping.ResizeNearest(view.Depth, view.Width, view.Height, ow, oh);
        var maskOut = ViewCropping.ResizeNearest(maskView.Depth, maskView.Width, maskView.Height, ow, oh);
        var words = Co3dFrameGeometry.EncodeDepth(depthOut, out float max);
        return new Co3dProcessedFrame(image, ow, oh, words, Co3dFrameGeometry.EncodeMask(maskOut), kOut, pose, max);
    }

    /// <summary>np.savez of the three keys (uncompressed zip of .npy v1.0 members).</summary>
    public static void WriteNpz(string path, Co3dProcessedFrame f)
    {
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        void Member(string name, NpyArray a)
        {
            using var s = zip.CreateEntry(name + ".npy", CompressionLevel.NoCompression).Open();
            a.Write(s);
        }
        Member("camera_intrinsics", new NpyArray("<f8", new long[] { 3, 3 }, ToBytes(f.K)));
        Member("camera_pose", NpyArray.FromFloats(f.CamToWorld.Select(v => (float)v).ToArray(), 4, 4));
        Member("maximum_depth", NpyArray.FromFloats(new[] { f.MaximumDepth }));
    }

    private static byte[] ToBytes(double[] v)
    {
        var bytes = new byte[v.Length * 8];
        Buffer.BlockCopy(v, 0, bytes, 0, bytes.Length);
        return bytes;
    }
}

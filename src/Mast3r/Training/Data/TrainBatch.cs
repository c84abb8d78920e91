using Mast3r.Training.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace Mast3r.Training.Data;

/// <summary>
/// A symmetrised criterion batch (dust3r <c>loss_of_one_batch(symmetrize_batch=True)</c>): loader pairs
/// (v1ᵢ, v2ᵢ) become view1 = [v1₀, v2₀, v1₁, v2₁, …], view2 = [v2₀, v1₀, …]; every key, correspondences included,
/// swaps with its view. Images are ImgNorm'd ((u8/255 − 0.5)/0.5), B×3×H×W.
/// </summary>
internal sealed class TrainBatch : IDisposable
{
    public required Tensor Img1 { get; init; }
    public required Tensor Img2 { get; init; }
    public required Tensor TrueShape1 { get; init; }
    public required Tensor TrueShape2 { get; init; }
    public required GtView Gt1 { get; init; }
    public required GtView Gt2 { get; init; }
    public required string[] Instances1 { get; init; }
    public required string[] Instances2 { get; init; }

    public int Size => (int)Img1.shape[0];

    public static TrainBatch Collate(IReadOnlyList<PairSample> pairs, Device? device = null)
    {
        var first = new List<(ViewSample V, int[] X, int[] Y)>();
        var second = new List<(ViewSample V, int[] X, int[] Y)>();
        var valid = new List<bool[]>();
        foreach (var p in pairs)
        {
            if (p.View1.Height != pairs[0].View1.Height || p.View1.Width != pairs[0].View1.Width
                || p.View2.Height != p.View1.Height || p.View2.Width != p.View1.Width)
                throw new ArgumentException("all views of a batch must share one resolution.");
            var a = (p.View1, p.Corres.X1, p.Corres.Y1);
            var b = (p.View2, p.Corres.X2, p.Corres.Y2);
            first.Add(a); second.Add(b); valid.Add(p.Corres.Valid);
            first.Add(b); second.Add(a); valid.Add(p.Corres.Valid);
        }
        return new TrainBatch
        {
            Img1 = Images(first, device), Img2 = Images(second, device),
            TrueShape1 = Shapes(first, device), TrueShape2 = Shapes(second, device),
            Gt1 = Gt(first, valid, device), Gt2 = Gt(second, valid, device),
            Instances1 = first.Select(f => f.V.Instance).ToArray(), Instances2 = second.Select(f => f.V.Instance).ToArray(),
        };
    }

    private static Tensor Images(List<(ViewSample V, int[] X, int[] Y)> views, Device? device)
    {
        int h = views[0].V.Height, w = views[0].V.Width;
        var data = new float[views.Count * 3 * h * w];
        for (int b = 0; b < views.Count; b++)
        {
            var img = views[b].V.Image;
            for (int c = 0; c < 3; c++)
                for (int i = 0; i < h * w; i++)
                    data[((b * 3) + c) * h * w + i] = (img[3 * i + c] / 255f - 0.5f) / 0.5f;
        }
        return torch.tensor(data, new long[] { views.Count, 3, h, w }, device: device);
    }

    private static Tensor Shapes(List<(ViewSample V, int[] X, int[] Y)> views, Device? device) =>
        torch.tensor(views.SelectMany(v => new[] { v.V.Height, v.V.Width }).ToArray(), new long[] { views.Count, 2 }, device: device);

    private static GtView Gt(List<(ViewSample V, int[] X, int[] Y)> views, List<bool[]> valid, Device? device)
    {
        int b = views.Count, h = views[0].V.Height, w = views[0].V.Width, n = views[0].X.Length;
        var corres = new long[b * n * 2];
        for (int s = 0; s < b; s++)
            for (int k = 0; k < n; k++) { corres[(s * n + k) * 2] = views[s].X[k]; corres[(s * n + k) * 2 + 1] = views[s].Y[k]; }
        return new GtView
        {
            CameraPose = torch.tensor(views.SelectMany(v => v.V.CamToWorld.Select(x => (float)x)).ToArray(), new long[] { b, 4, 4 }, device: device),
            Pts3d = torch.tensor(views.SelectMany(v => v.V.Pts3d).ToArray(), new long[] { b, h, w, 3 }, device: device),
            ValidMask = torch.tensor(views.SelectMany(v => v.V.Valid).ToArray(), new long[] { b, h, w }, device: device),
            SkyMask = torch.tensor(views.SelectMany(v => v.V.Sky).ToArray(), new long[] { b, h, w }, device: device),
            IsMetricScale = torch.tensor(views.Select(v => v.V.IsMetricScale).ToArray(), new long[] { b }, device: device),
            Corres = torch.tensor(corres, new long[] { b, n, 2 }, device: device),
            ValidCorres = torch.tensor(valid.SelectMany(x => x).ToArray(), new long[] { b, n }, device: device),
        };
    }

    public void Dispose()
    {
        Img1.Dispose(); Img2.Dispose(); TrueShape1.Dispose(); TrueShape2.Dispose(); Gt1.Dispose(); Gt2.Dispose();
    }
}

using TorchSharp;
using static TorchSharp.torch;

namespace Mast3r.Training.Losses;

/// <summary>
/// View-1 anchored 3-D regression with the L21 pixel criterion (mirrors mast3r <c>losses.Regr3D</c> on top of dust3r
/// <c>Regr3D</c>; formulas: losses.md §3). Only the <c>avg_dis</c> normalisation is ported, with or without the
/// leading '?' (metric samples keep their scale); other modes are rejected by the factory.
/// </summary>
internal sealed class Regr3D : Criterion
{
    public Regr3D(string normMode, double skyLossValue)
    {
        MetricAware = normMode.StartsWith('?');
        NormMode = MetricAware ? normMode[1..] : normMode;
        SkyLossValue = skyLossValue;
    }

    /// <summary>Mode without the '?' (only "avg_dis" is accepted upstream of this class).</summary>
    public string NormMode { get; }

    /// <summary>True for '?avg_dis': samples flagged metric divide the prediction by the GT factor.</summary>
    public bool MetricAware { get; }

    public double SkyLossValue { get; }

    /// <summary>Per-pixel losses of both views on their loss masks, plus the normalisation factors.</summary>
    internal sealed record Result(Tensor L1, Tensor Mask1, Tensor L2, Tensor Mask2, Tensor NormGt, Tensor NormPred)
    {
        public Dictionary<string, Tensor> Details() => new()
        {
            ["Regr3D_pts3d_1"] = L1.mean().detach(),
            ["Regr3D_pts3d_2"] = L2.mean().detach(),
        };
    }

    public Result Evaluate(GtView gt1, GtView gt2, PredView pred1, PredView pred2)
    {
        // GT in camera-1 coordinates through a general inverse (the float32 pose is not exactly orthonormal).
        using var toCam1 = torch.linalg.inv(gt1.CameraPose);
        var g1 = Transform(toCam1, gt1.Pts3d);
        var g2 = Transform(toCam1, gt2.Pts3d);
        var valid1 = gt1.ValidMask;
        var valid2 = gt2.ValidMask;

        var normGt = AvgDis(g1, g2, valid1, valid2);
        var normPredOwn = AvgDis(pred1.Pts3d, pred2.Pts3d, valid1, valid2);
        // '?': metric samples take the (constant) GT factor, so their raw prediction must be metric.
        var normPred = MetricAware
            ? torch.where(gt1.IsMetricScale, normGt.detach(), normPredOwn)
            : normPredOwn;

        var gtN1 = g1 / normGt.view(-1, 1, 1, 1);
        var gtN2 = g2 / normGt.view(-1, 1, 1, 1);
        var prN1 = pred1.Pts3d / normPred.view(-1, 1, 1, 1);
        var prN2 = pred2.Pts3d / normPred.view(-1, 1, 1, 1);

        var (l1, mask1) = PixelLosses(prN1, gtN1, valid1, gt1.SkyMask);
        var (l2, mask2) = PixelLosses(prN2, gtN2, valid2, gt2.SkyMask);
        return new Result(l1, mask1, l2, mask2, normGt, normPredOwn);
    }

    /// <summary>
    /// Regr3D alone: mean pixel loss of view 1 plus view 2. Upstream asserts a zero sky value here (the sky constant
    /// only makes sense under ConfLoss); we reject it the same way.
    /// </summary>
    public override LossOutput Compute(GtView gt1, GtView gt2, PredView pred1, PredView pred2)
    {
        if (SkyLossValue > 0) throw new InvalidOperationException("Regr3D used without ConfLoss needs sky_loss_value=0 (as upstream asserts).");
        var r = Evaluate(gt1, gt2, pred1, pred2);
        return new LossOutput(r.L1.mean() + r.L2.mean(), r.Details());
    }

    public override string Describe() => $"Regr3D(L21, norm_mode='{(MetricAware ? "?" : "")}{NormMode}', sky_loss_value={SkyLossValue})";

    /// <summary>dust3r <c>geotrf</c> for a batch of 4×4 matrices applied to B×H×W×3 points.</summary>
    internal static Tensor Transform(Tensor matrix, Tensor pts)
    {
        var rot = matrix[.., ..3, ..3].to(pts.dtype);
        var trans = matrix[.., ..3, 3].to(pts.dtype);
        long b = pts.shape[0];
        var flat = pts.reshape(b, -1, 3);
        var res = torch.matmul(flat, rot.transpose(1, 2)) + trans.unsqueeze(1);
        return res.reshape(pts.shape);
    }

    /// <summary>dust3r <c>normalize_pointcloud</c>'s 'avg_dis' factor: mean distance over the GT-valid pixels of both views.</summary>
    internal static Tensor AvgDis(Tensor a, Tensor b, Tensor valid1, Tensor valid2)
    {
        long batch = a.shape[0];
        var zero = torch.zeros(1, dtype: a.dtype, device: a.device);
        var a0 = torch.where(valid1.unsqueeze(-1), a, zero);
        var b0 = torch.where(valid2.unsqueeze(-1), b, zero);
        var dis = torch.cat(new[] { a0.reshape(batch, -1, 3), b0.reshape(batch, -1, 3) }, 1).norm(-1);
        var count = valid1.reshape(batch, -1).sum(1) + valid2.reshape(batch, -1).sum(1);
        return (dis.sum(1) / (count.to(a.dtype) + 1e-8)).clamp_min(1e-8);
    }

    private (Tensor Loss, Tensor Mask) PixelLosses(Tensor pred, Tensor gt, Tensor valid, Tensor skyMask)
    {
        var sky = skyMask.logical_and(valid.logical_not());
        var mask = SkyLossValue > 0 ? valid.logical_or(sky) : valid;
        var diff = pred.index(new TensorIndex[] { TensorIndex.Tensor(mask) }) - gt.index(new TensorIndex[] { TensorIndex.Tensor(mask) });
        if (SkyLossValue <= 0) return (diff.norm(-1), mask);
        var skyInMask = sky.index(new TensorIndex[] { TensorIndex.Tensor(mask) });
        // Sky rows get a constant loss: route them through a harmless vector so no NaN reaches the gradient.
        var safe = torch.where(skyInMask.unsqueeze(-1), torch.ones_like(diff), diff);
        var loss = torch.where(skyInMask, Criterion.Scalar(diff, SkyLossValue), safe.norm(-1));
        return (loss, mask);
    }
}

using TorchSharp;
using static TorchSharp.torch;

namespace Mast3r.Training.Losses;

/// <summary>
/// Confidence-weighted 3-D regression (mirrors dust3r <c>losses.ConfLoss</c> wrapping <c>Regr3D</c>): per view, the
/// mean over its loss pixels — pooled over the whole batch — of ℓ·c − α·ln c.
/// </summary>
internal sealed class ConfLoss(Regr3D pixelLoss, double alpha) : Criterion
{
    public Regr3D PixelLoss { get; } = pixelLoss;

    public double Alpha { get; } = alpha;

    public override LossOutput Compute(GtView gt1, GtView gt2, PredView pred1, PredView pred2)
    {
        var r = PixelLoss.Evaluate(gt1, gt2, pred1, pred2);
        var c1 = ViewTerm(r.L1, pred1.Conf, r.Mask1);
        var c2 = ViewTerm(r.L2, pred2.Conf, r.Mask2);
        var details = new Dictionary<string, Tensor> { ["conf_loss_1"] = c1.detach(), ["conf_loss2"] = c2.detach() };
        foreach (var kv in r.Details()) details[kv.Key] = kv.Value;
        return new LossOutput(c1 + c2, details);
    }

    private Tensor ViewTerm(Tensor pixelLosses, Tensor conf, Tensor mask)
    {
        // An empty view contributes 0 (upstream prints a warning and does the same).
        if (pixelLosses.numel() == 0) return Scalar(pixelLosses, 0.0);
        var c = conf.index(new TensorIndex[] { TensorIndex.Tensor(mask) });
        return (pixelLosses * c - Alpha * c.log()).mean();
    }

    public override string Describe() => $"ConfLoss(Regr3D(L21, norm_mode='{(PixelLoss.MetricAware ? "?" : "")}{PixelLoss.NormMode}'), alpha={Alpha})";
}

using TorchSharp;
using static TorchSharp.torch;

namespace Mast3r.Training.Losses;

/// <summary>
/// Confidence-weighted matching loss (mirrors mast3r <c>losses.ConfMatchingLoss</c>): mean over valid correspondences
/// of ℓ·c − α·ln c with c the 'mean' (½(c₁+c₂)) or 'prod' (c₁·c₂) of the two desc_conf values.
/// </summary>
internal sealed class ConfMatchingLoss(MatchingLoss matching, double alpha, string confMode) : Criterion
{
    public MatchingLoss Matching { get; } = matching;

    public double Alpha { get; } = alpha;

    public string ConfMode { get; } = confMode is "mean" or "prod"
        ? confMode
        : throw new ArgumentException($"ConfMatchingLoss confmode '{confMode}' (expected 'prod' or 'mean').");

    public override LossOutput Compute(GtView gt1, GtView gt2, PredView pred1, PredView pred2)
    {
        if (pred1.DescConf is null || pred2.DescConf is null) throw new ArgumentException("ConfMatchingLoss needs 'desc_conf' predictions.");
        var r = Matching.Evaluate(gt1, gt2, pred1, pred2);
        var conf = ConfMode == "mean" ? 0.5 * (r.Conf1! + r.Conf2!) : r.Conf1! * r.Conf2!;
        var perEntry = r.PerEntry * conf - Alpha * conf.log();
        var loss = perEntry.numel() > 0 ? perEntry.mean() : Scalar(perEntry, 0.0);
        var details = new Dictionary<string, Tensor>
        {
            ["matching_conf_loss"] = loss.detach(),
            ["Conf1_std"] = r.AllConf1!.std().detach(),
            ["Conf2_std"] = r.AllConf2!.std().detach(),
            ["MatchingLoss"] = (r.PerEntry.numel() > 0 ? r.PerEntry.mean() : Scalar(r.PerEntry, 0.0)).detach(),
        };
        return new LossOutput(loss, details);
    }

    public override string Describe() => $"ConfMatchingLoss({Matching.Describe()}, alpha={Alpha}, confmode='{ConfMode}')";
}

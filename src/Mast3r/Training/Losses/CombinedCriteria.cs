using TorchSharp;

namespace Mast3r.Training.Losses;

/// <summary><c>w * criterion</c> (upstream MultiLoss <c>__rmul__</c>): the loss is scaled, the details are not.</summary>
internal sealed class WeightedCriterion(double weight, Criterion inner) : Criterion
{
    public double Weight { get; } = weight;

    public Criterion Inner { get; } = inner;

    public override LossOutput Compute(GtView gt1, GtView gt2, PredView pred1, PredView pred2)
    {
        var r = Inner.Compute(gt1, gt2, pred1, pred2);
        return r with { Loss = Weight * r.Loss };
    }

    public override string Describe() => $"{Weight}*{Inner.Describe()}";
}

/// <summary><c>a + b</c> (upstream MultiLoss <c>__add__</c>): losses add, later details overwrite earlier ones.</summary>
internal sealed class SumCriterion(Criterion first, Criterion second) : Criterion
{
    public Criterion First { get; } = first;

    public Criterion Second { get; } = second;

    public override LossOutput Compute(GtView gt1, GtView gt2, PredView pred1, PredView pred2)
    {
        var a = First.Compute(gt1, gt2, pred1, pred2);
        var b = Second.Compute(gt1, gt2, pred1, pred2);
        var details = new Dictionary<string, torch.Tensor>(a.Details);
        foreach (var kv in b.Details) details[kv.Key] = kv.Value;
        return new LossOutput(a.Loss + b.Loss, details);
    }

    public override string Describe() => $"{First.Describe()} + {Second.Describe()}";
}

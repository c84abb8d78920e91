using TorchSharp;
using static TorchSharp.torch;

namespace Mast3r.Training.Optim;

/// <summary>
/// AdamW as torch's single-tensor implementation computes it (decoupled decay p ← p·(1 − lr·wd), then the
/// bias-corrected Adam update), so one step matches the official optimiser to float32 rounding. Parameters without
/// a gradient are skipped entirely (no decay), as in torch. State is kept per parameter in group order so it can be
/// written as an official optimizer <c>state_dict</c>.
/// </summary>
internal sealed class AdamW
{
    public AdamW(IReadOnlyList<ParamGroup> groups, double beta1 = 0.9, double beta2 = 0.95, double eps = 1e-8)
    {
        Groups = groups;
        Beta1 = beta1;
        Beta2 = beta2;
        Eps = eps;
        GroupLr = groups.Select(_ => 0.0).ToArray();
    }

    public IReadOnlyList<ParamGroup> Groups { get; }

    public double Beta1 { get; }

    public double Beta2 { get; }

    public double Eps { get; }

    /// <summary>Current lr of each group (set by <see cref="SetLearningRate"/>).</summary>
    public double[] GroupLr { get; }

    /// <summary>Per-parameter state keyed by the parameter's global index (group 0 first).</summary>
    public Dictionary<int, AdamState> State { get; } = new();

    /// <summary>Sets every group's lr to <paramref name="lr"/> × its lr scale (upstream adjust_learning_rate).</summary>
    public void SetLearningRate(double lr)
    {
        for (int g = 0; g < Groups.Count; g++) GroupLr[g] = lr * Groups[g].LrScale;
    }

    public IEnumerable<(int Index, int Group, string Name, Tensor Param)> Indexed()
    {
        int index = 0;
        for (int g = 0; g < Groups.Count; g++)
            foreach (var (name, p) in Groups[g].Params) yield return (index++, g, name, p);
    }

    public void Step()
    {
        using var noGrad = torch.no_grad();
        foreach (var (index, g, _, p) in Indexed())
        {
            var grad = p.grad;
            if (grad is null) continue;
            if (!State.TryGetValue(index, out var s))
                // The moments outlive any dispose scope the caller may have opened around the step.
                State[index] = s = new AdamState(0, torch.zeros_like(p).DetachFromDisposeScope(), torch.zeros_like(p).DetachFromDisposeScope());
            s.Step += 1;
            Update(p, grad, s, GroupLr[g], Groups[g].WeightDecay);
        }
    }

    /// <summary>One AdamW update of <paramref name="p"/> in place (exposed for the fixture parity test).</summary>
    internal void Update(Tensor p, Tensor grad, AdamState s, double lr, double weightDecay)
    {
        p.mul_(1.0 - lr * weightDecay);
        s.ExpAvg.lerp_(grad, 1.0 - Beta1);
        s.ExpAvgSq.mul_(Beta2).addcmul_(grad, grad, 1.0 - Beta2);
        double bias1 = 1.0 - Math.Pow(Beta1, s.Step);
        double bias2Sqrt = Math.Sqrt(1.0 - Math.Pow(Beta2, s.Step));
        using var denom = s.ExpAvgSq.sqrt().div_(bias2Sqrt).add_(Eps);
        p.addcdiv_(s.ExpAvg, denom, -lr / bias1);
    }

    /// <summary>Drops every gradient (torch's zero_grad(set_to_none=True)), so untouched parameters are skipped next step.</summary>
    public void ZeroGrad()
    {
        foreach (var (_, _, _, p) in Indexed())
        {
            var grad = p.grad;
            if (grad is null) continue;
            p.grad = null;
            grad.Dispose();
        }
    }
}

/// <summary>Adam moments of one parameter and its step count (torch keeps 'step' as a float tensor).</summary>
internal sealed class AdamState(double step, Tensor expAvg, Tensor expAvgSq)
{
    public double Step { get; set; } = step;

    public Tensor ExpAvg { get; } = expAvg;

    public Tensor ExpAvgSq { get; } = expAvgSq;
}

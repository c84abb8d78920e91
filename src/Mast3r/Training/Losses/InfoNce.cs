using TorchSharp;
using static TorchSharp.torch;

namespace Mast3r.Training.Losses;

/// <summary>
/// InfoNCE over one block of n correspondences (mirrors mast3r <c>losses.InfoNCE.loss</c>): similarities /T
/// exponentiated without max-subtraction, NaN similarities ignored. 'proper' sums the column and row softmax
/// terms; 'all' uses one softmax over the whole block; 'dual' the dual softmax.
/// </summary>
internal sealed class InfoNce(double temperature, string mode, ScalarType precision, double eps = 1e-8)
{
    public double Eps { get; } = eps;

    public double Temperature { get; } = temperature;

    public string Mode { get; } = mode;

    /// <summary>Precision the descriptors are cast to (upstream <c>fp</c>, float32 by default).</summary>
    public ScalarType Precision { get; } = precision;

    /// <summary>a, b: K×n×D blocks; valid: K×n. Returns the losses of the valid entries, block-major.</summary>
    public Tensor Loss(Tensor a, Tensor b, Tensor valid)
    {
        var sim = torch.matmul(a.to(Precision), b.to(Precision).transpose(-2, -1)) / Temperature;
        sim = torch.where(sim.isnan(), Scalar(sim, double.NegativeInfinity), sim);
        var e = sim.exp();
        var pos = e.diagonal(0, -2, -1);
        Tensor loss = Mode switch
        {
            "all" => -(pos / e.sum(-1).sum(-1, keepdim: true)).clamp_min(Eps).log(),
            "proper" => -((pos / e.sum(-2)).clamp_min(Eps).log() + (pos / e.sum(-1)).clamp_min(Eps).log()),
            "dual" => -(pos.pow(2) / e.sum(-1) / e.sum(-2)).clamp_min(Eps).log(),
            _ => throw new ArgumentException($"InfoNCE mode '{Mode}' (expected 'all', 'proper' or 'dual')."),
        };
        return loss.index(new TensorIndex[] { TensorIndex.Tensor(valid) });
    }

    private static Tensor Scalar(Tensor like, double v) => torch.tensor(v, like.dtype, like.device);

    public string Describe() => $"InfoNCE(mode='{Mode}', temperature={Temperature})";
}

namespace Mast3r.Model;

/// <summary>
/// A post-processing mode as the model string writes it, e.g. <c>('exp', 1, inf)</c>: the mode name and the
/// value range (dust3r heads/postprocess.py, <c>reg_dense_depth</c> / <c>reg_dense_conf</c>).
/// </summary>
/// <param name="Mode">'exp', 'square', 'linear' (depth) or 'exp', 'sigmoid' (confidences).</param>
/// <param name="Min">Lower bound (vmin).</param>
/// <param name="Max">Upper bound (vmax).</param>
public sealed record HeadActivation(string Mode, double Min, double Max)
{
    /// <inheritdoc/>
    public override string ToString() => $"('{Mode}', {Min}, {Max})";
}

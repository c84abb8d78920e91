namespace Mast3r.Training.Data;

/// <summary>One term of a dataset mix: <c>[count @] Name(args…)</c> (count = samples per epoch, null = dataset's own length).</summary>
internal sealed record DatasetTerm(long? SamplesPerEpoch, PyCall Call)
{
    public string Name => Call.Callee;
}

/// <summary>
/// The <c>--train_dataset</c> syntax of the official train.py (an <c>eval</c>'d expression): terms joined by '+',
/// each optionally prefixed by <c>N @</c> (resize to N samples per epoch) — e.g.
/// <c>57_000 @ Habitat512(1_000_000, split='train', …) + 68_400 @ BlendedMVS(…)</c>.
/// </summary>
internal static class DatasetMix
{
    public static IReadOnlyList<DatasetTerm> Parse(string text)
    {
        PyExpr expr;
        try
        {
            expr = PyExprParser.Parse(text);
        }
        catch (PyExprException e)
        {
            throw new TrainingConfigException($"dataset string does not parse: {e.Message}");
        }
        var terms = new List<DatasetTerm>();
        Collect(expr, terms);
        return terms;
    }

    private static void Collect(PyExpr e, List<DatasetTerm> terms)
    {
        switch (e)
        {
            case PyBinary { Op: '+' } sum:
                Collect(sum.Left, terms);
                Collect(sum.Right, terms);
                break;
            case PyBinary { Op: '@', Left: PyNumber n, Right: PyCall call } when n.IsInteger:
                terms.Add(new DatasetTerm(n.AsLong(), call));
                break;
            case PyCall call:
                terms.Add(new DatasetTerm(null, call));
                break;
            default:
                throw new TrainingConfigException($"dataset term at character {e.Position} is not 'N @ Dataset(...)' or 'Dataset(...)'.");
        }
    }
}

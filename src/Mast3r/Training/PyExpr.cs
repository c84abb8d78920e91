using System.Globalization;

namespace Mast3r.Training;

/// <summary>
/// A node of the small Python-expression language the official training script evaluates for
/// <c>--train_criterion</c>, <c>--train_dataset</c> and <c>--model</c> (calls, keyword arguments, literals,
/// tuples, lists, <c>+</c>, <c>*</c>, <c>@</c>, unary minus). Only parsing lives here; meaning is given by the
/// builders (criterion factory, dataset-mix parser).
/// </summary>
internal abstract record PyExpr
{
    /// <summary>Character offset in the source string (for error messages).</summary>
    public int Position { get; init; }
}

internal sealed record PyNumber(double Value, bool IsInteger, string Text) : PyExpr
{
    public long AsLong() => IsInteger
        ? long.Parse(Text.Replace("_", ""), CultureInfo.InvariantCulture)
        : throw new PyExprException($"expected an integer, got {Text}", Position);
}

internal sealed record PyString(string Value) : PyExpr;

/// <summary>A (possibly dotted) name: <c>L21</c>, <c>ColorJitter</c>, <c>torch.float16</c>, <c>True</c>, <c>inf</c>.</summary>
internal sealed record PyName(string Name) : PyExpr;

internal sealed record PyCall(string Callee, IReadOnlyList<PyExpr> Args, IReadOnlyList<KeyValuePair<string, PyExpr>> Kwargs) : PyExpr
{
    public PyExpr? Kwarg(string name) => Kwargs.FirstOrDefault(k => k.Key == name).Value;
}

internal sealed record PyTuple(IReadOnlyList<PyExpr> Items) : PyExpr;

internal sealed record PyList(IReadOnlyList<PyExpr> Items) : PyExpr;

/// <summary>Binary operator: '+', '-', '*', '@'.</summary>
internal sealed record PyBinary(char Op, PyExpr Left, PyExpr Right) : PyExpr;

internal sealed record PyNegate(PyExpr Operand) : PyExpr;

/// <summary>A syntax or meaning error at a position of the source string.</summary>
internal sealed class PyExprException(string message, int position) : FormatException(message)
{
    public int Position { get; } = position;
}

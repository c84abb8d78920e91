using System.Globalization;

namespace Mast3r.Training;

/// <summary>
/// Binds a parsed call to a Python-style signature (positional then keyword, defaults), failing like Python's
/// <c>TypeError</c> does on unknown, repeated or missing arguments.
/// </summary>
internal sealed class PyArgs
{
    private readonly Dictionary<string, PyExpr?> _values = new();
    private readonly string _callee;

    private PyArgs(string callee) => _callee = callee;

    /// <summary>Signature names in order; a name starting with '*' marks the remaining ones keyword-only.</summary>
    public static PyArgs Bind(PyCall call, params string[] signature)
    {
        var names = signature.Select(s => s.TrimStart('*')).ToArray();
        int positionalLimit = Array.FindIndex(signature, s => s.StartsWith('*'));
        if (positionalLimit < 0) positionalLimit = signature.Length;
        var args = new PyArgs(call.Callee);
        if (call.Args.Count > positionalLimit)
            throw new TrainingConfigException($"{call.Callee}() takes at most {positionalLimit} positional arguments but {call.Args.Count} were given.");
        for (int i = 0; i < call.Args.Count; i++) args._values[names[i]] = call.Args[i];
        foreach (var (key, value) in call.Kwargs)
        {
            if (!names.Contains(key))
                throw new TrainingConfigException($"{call.Callee}() got an unexpected keyword argument '{key}' (accepted: {string.Join(", ", names)}).");
            if (args._values.ContainsKey(key)) throw new TrainingConfigException($"{call.Callee}() got multiple values for argument '{key}'.");
            args._values[key] = value;
        }
        return args;
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public PyExpr Required(string name) =>
        _values.TryGetValue(name, out var v) && v is not null ? v : throw new TrainingConfigException($"{_callee}() missing required argument '{name}'.");

    public double Number(string name, double fallback)
    {
        if (!_values.TryGetValue(name, out var v) || v is null) return fallback;
        return Eval(v) switch
        {
            double d => d,
            long l => l,
            bool b => b ? 1 : 0,
            var other => throw new TrainingConfigException($"{_callee}(): '{name}' must be a number, got {Show(other)}."),
        };
    }

    public string? String(string name, string? fallback)
    {
        if (!_values.TryGetValue(name, out var v) || v is null) return fallback;
        return Eval(v) switch
        {
            string s => s,
            null => null,
            var other => throw new TrainingConfigException($"{_callee}(): '{name}' must be a string, got {Show(other)}."),
        };
    }

    /// <summary>Python truthiness of a literal argument.</summary>
    public bool Truthy(string name, bool fallback)
    {
        if (!_values.TryGetValue(name, out var v) || v is null) return fallback;
        return Eval(v) switch
        {
            bool b => b,
            long l => l != 0,
            double d => d != 0,
            string s => s.Length > 0,
            null => false,
            var other => throw new TrainingConfigException($"{_callee}(): '{name}' must be a literal, got {Show(other)}."),
        };
    }

    /// <summary>Evaluates a literal: numbers (long or double), strings, True/False/None, inf, ±, tuples and lists.</summary>
    public static object? Eval(PyExpr e) => e switch
    {
        PyNumber n when n.IsInteger => n.AsLong(),
        PyNumber n => n.Value,
        PyString s => s.Value,
        PyName { Name: "True" } => true,
        PyName { Name: "False" } => false,
        PyName { Name: "None" } => null,
        PyName { Name: "inf" or "np.inf" or "math.inf" or "torch.inf" } => double.PositiveInfinity,
        PyName n => new PyName(n.Name),
        PyNegate { Operand: var o } => Eval(o) switch
        {
            long l => -l,
            double d => -d,
            var other => throw new TrainingConfigException($"cannot negate {Show(other)}."),
        },
        PyTuple t => t.Items.Select(Eval).ToArray(),
        PyList l => l.Items.Select(Eval).ToList(),
        _ => e,
    };

    internal static string Show(object? v) => v switch
    {
        null => "None",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        PyName n => n.Name,
        PyCall c => c.Callee + "(...)",
        _ => v.ToString() ?? "?",
    };
}

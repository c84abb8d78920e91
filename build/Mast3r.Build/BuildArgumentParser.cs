namespace Mast3r.Build;

/// <summary>
/// Parses the wrapper's command line Nuke-style: positional targets, <c>--name value</c> or <c>--name=value</c>,
/// environment fallback. Cake alone accepts misspelt options silently and needs <c>--target X</c>; this parser
/// rejects anything it does not know.
/// </summary>
public static class BuildArgumentParser
{
    /// <summary>Parses <paramref name="argv"/>; throws <see cref="BuildUsageException"/> on unknown targets or parameters.</summary>
    public static BuildInvocation Parse(
        IReadOnlyList<string> argv,
        IReadOnlyList<TargetSpec> targets,
        IReadOnlyList<ParameterSpec> parameters,
        Func<string, string?> environment,
        string defaultTarget)
    {
        var byName = parameters.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        var requested = new List<string>();
        var given = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        bool help = false, plan = false;

        for (int i = 0; i < argv.Count; i++)
        {
            string arg = argv[i];
            if (arg is "--help" or "-h" or "-?") { help = true; continue; }
            if (arg == "--plan") { plan = true; continue; }
            if (!arg.StartsWith('-'))
            {
                requested.Add(ResolveTarget(arg, targets));
                continue;
            }
            string body = arg.TrimStart('-');
            string? inlineValue = null;
            int eq = body.IndexOf('=');
            if (eq >= 0) { inlineValue = body[(eq + 1)..]; body = body[..eq]; }
            if (!byName.TryGetValue(body, out var spec))
                throw new BuildUsageException($"Unknown parameter '{arg}'.{Suggest(body, parameters.Select(p => p.Name))}\n{ListParameters(parameters)}");
            string? value = inlineValue;
            if (value == null)
            {
                bool nextIsValue = i + 1 < argv.Count && !argv[i + 1].StartsWith("--", StringComparison.Ordinal);
                if (spec.IsSwitch && (!nextIsValue || !IsBool(argv[i + 1]))) value = "true";
                else if (nextIsValue) value = argv[++i];
                else throw new BuildUsageException($"Parameter '--{spec.Name}' needs a value.");
            }
            given[spec.Name] = value;
        }

        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var sources = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in parameters)
        {
            string? value;
            string source;
            if (given.TryGetValue(p.Name, out var v)) { value = v; source = "command line"; }
            else if (environment(p.EnvironmentVariable) is { Length: > 0 } e) { value = e; source = p.EnvironmentVariable; }
            else { value = p.Default; source = "default"; }
            if (p.IsSwitch && value != null && !IsBool(value))
                throw new BuildUsageException($"Parameter '--{p.Name}' is a switch; '{value}' (from {source}) is not true/false.");
            if (p.Allowed != null && value != null && !p.Allowed.Contains(value, StringComparer.OrdinalIgnoreCase))
                throw new BuildUsageException($"Parameter '--{p.Name}' does not accept '{value}' (from {source}); allowed: {string.Join(", ", p.Allowed)}.");
            values[p.Name] = value;
            sources[p.Name] = source;
        }

        if (requested.Count == 0) requested.Add(ResolveTarget(defaultTarget, targets));
        return new BuildInvocation(requested, values, sources, help, plan);
    }

    private static bool IsBool(string s) => s.Equals("true", StringComparison.OrdinalIgnoreCase) || s.Equals("false", StringComparison.OrdinalIgnoreCase);

    private static string ResolveTarget(string name, IReadOnlyList<TargetSpec> targets)
    {
        var match = targets.FirstOrDefault(t => t.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (match != null) return match.Name;
        throw new BuildUsageException(
            $"Unknown target '{name}'.{Suggest(name, targets.Select(t => t.Name))}\nTargets: {string.Join(", ", targets.Select(t => t.Name))}");
    }

    private static string ListParameters(IReadOnlyList<ParameterSpec> parameters) =>
        "Parameters: " + string.Join(", ", parameters.Select(p => "--" + p.Name));

    private static string Suggest(string given, IEnumerable<string> candidates)
    {
        var best = candidates
            .Select(c => (Name: c, Distance: Levenshtein(given.ToLowerInvariant(), c.ToLowerInvariant())))
            .OrderBy(c => c.Distance)
            .FirstOrDefault();
        return best.Name != null && best.Distance <= Math.Max(2, given.Length / 3) ? $" Did you mean '{best.Name}'?" : "";
    }

    internal static int Levenshtein(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }
}

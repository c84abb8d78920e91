using System.Text;

namespace Mast3r.Build;

/// <summary>Renders <c>./build.sh --help</c> and <c>--plan</c>.</summary>
public static class HelpText
{
    /// <summary>Every target with its description and dependencies, every parameter with default and variable.</summary>
    public static string Render(IReadOnlyList<TargetSpec> targets, IReadOnlyList<ParameterSpec> parameters, string defaultTarget)
    {
        var sb = new StringBuilder();
        sb.AppendLine("Usage: ./build.sh [targets...] [--parameter value | --parameter=value ...] [--plan] [--help]");
        sb.AppendLine();
        sb.AppendLine("Targets (default: " + defaultTarget + "):");
        int tw = targets.Max(t => t.Name.Length) + 2;
        foreach (var t in targets)
        {
            sb.Append("  ").Append(t.Name.PadRight(tw)).Append(t.Description);
            if (t.Dependencies.Count > 0) sb.Append("  [after: ").Append(string.Join(", ", t.Dependencies)).Append(']');
            sb.AppendLine();
        }
        sb.AppendLine();
        sb.AppendLine("Parameters (command line, else environment variable, else default):");
        int pw = parameters.Max(p => p.Name.Length + (p.IsSwitch ? 0 : 8)) + 4;
        foreach (var p in parameters)
        {
            string flag = "--" + p.Name + (p.IsSwitch ? "" : " <value>");
            sb.Append("  ").Append(flag.PadRight(pw)).Append(p.Description);
            sb.Append(" (default: ").Append(p.Default ?? "none");
            if (p.Allowed != null) sb.Append("; one of ").Append(string.Join("|", p.Allowed));
            sb.Append("; env ").Append(p.EnvironmentVariable).AppendLine(")");
        }
        sb.AppendLine();
        sb.AppendLine("  --plan                    print the ordered targets that would run, without running them");
        sb.AppendLine("  --help                    this text");
        return sb.ToString();
    }

    /// <summary>The numbered execution plan.</summary>
    public static string RenderPlan(IReadOnlyList<string> plan, IReadOnlyList<TargetSpec> targets)
    {
        var byName = targets.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
        var sb = new StringBuilder("Plan (nothing is run):\n");
        for (int i = 0; i < plan.Count; i++)
            sb.Append($"  {i + 1,2}. {plan[i],-18} {byName[plan[i]].Description}\n");
        return sb.ToString();
    }
}

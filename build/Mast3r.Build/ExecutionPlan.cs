namespace Mast3r.Build;

/// <summary>The ordered list of targets a request runs: dependencies first, depth-first in declaration order, each
/// once — the order Cake's graph executes them in.</summary>
public static class ExecutionPlan
{
    /// <summary>Orders the requested targets with all their dependencies; throws on a cycle or a missing target.</summary>
    public static IReadOnlyList<string> For(IReadOnlyList<string> requested, IReadOnlyList<TargetSpec> targets)
    {
        var byName = targets.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var visiting = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        void Visit(string name, string requiredBy)
        {
            if (done.Contains(name)) return;
            if (!byName.TryGetValue(name, out var spec))
                throw new BuildUsageException($"Target '{requiredBy}' depends on unknown target '{name}'.");
            if (!visiting.Add(name)) throw new BuildUsageException($"Dependency cycle through target '{name}'.");
            foreach (var dep in spec.Dependencies) Visit(dep, name);
            visiting.Remove(name);
            done.Add(name);
            order.Add(spec.Name);
        }

        foreach (var r in requested) Visit(r, r);
        return order;
    }
}

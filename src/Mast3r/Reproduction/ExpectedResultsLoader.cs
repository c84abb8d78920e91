using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Mast3r.Reproduction;

/// <summary>
/// Reads <c>repro/ExpectedResults/*.yaml</c> and validates it against the schema of <see cref="ExpectedResultsFile"/>:
/// unknown keys, missing fields, unknown units/directions and inconsistent source references are errors naming the
/// file, the line (for YAML syntax) and the offending key.
/// </summary>
internal static class ExpectedResultsLoader
{
    internal static readonly string[] Units = { "percent", "fraction", "px", "m", "deg", "mm", "count" };
    internal static readonly string[] Directions = { "higher", "lower" };
    internal static readonly string[] GroundTruths = { "public", "hidden" };

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    /// <summary>Loads every <c>*.yaml</c> of a directory, sorted by name.</summary>
    public static IReadOnlyList<ExpectedResultsFile> LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Expected-results directory not found: {directory}");
        return Directory.GetFiles(directory, "*.yaml").OrderBy(p => p, StringComparer.Ordinal).Select(Load).ToList();
    }

    /// <summary>Loads and validates one file.</summary>
    public static ExpectedResultsFile Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Expected-results file not found: {path}", path);
        ExpectedResultsFile file;
        try
        {
            using var reader = new StreamReader(path);
            file = Deserializer.Deserialize<ExpectedResultsFile>(reader)
                   ?? throw new InvalidDataException($"{path}: the file is empty.");
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"{path}, line {e.Start.Line}, column {e.Start.Column}: {e.Message}", e);
        }
        file.Path = path;
        var errors = Validate(file);
        if (errors.Count > 0)
            throw new InvalidDataException($"{path} does not follow the expected-results schema:\n  " + string.Join("\n  ", errors));
        return file;
    }

    /// <summary>All schema violations of a deserialised file (empty when valid).</summary>
    public static List<string> Validate(ExpectedResultsFile file)
    {
        var errors = new List<string>();
        string expectedId = System.IO.Path.GetFileNameWithoutExtension(file.Path);
        if (string.IsNullOrWhiteSpace(file.Experiment)) errors.Add("key 'experiment' is missing");
        else if (file.Path.Length > 0 && file.Experiment != expectedId)
            errors.Add($"key 'experiment' is '{file.Experiment}' but the file is named '{expectedId}.yaml'");
        if (string.IsNullOrWhiteSpace(file.Title)) errors.Add("key 'title' is missing");
        if (file.Variants.Count == 0) errors.Add("key 'variants' is empty");
        foreach (var dup in file.Variants.GroupBy(v => v.Id).Where(g => g.Count() > 1))
            errors.Add($"variant id '{dup.Key}' appears {dup.Count()} times");

        foreach (var v in file.Variants)
        {
            string vp = $"variants[{v.Id}]";
            if (string.IsNullOrWhiteSpace(v.Id)) errors.Add("a variant has no 'id'");
            if (string.IsNullOrWhiteSpace(v.Dataset)) errors.Add($"{vp}.dataset is missing");
            if (!GroundTruths.Contains(v.GroundTruth)) errors.Add($"{vp}.ground_truth is '{v.GroundTruth}', expected public or hidden");
            if (string.IsNullOrWhiteSpace(v.Evaluation)) errors.Add($"{vp}.evaluation is missing");
            if (v.Synthetic is null || v.Synthetic.Metrics.Count == 0)
                errors.Add($"{vp}.synthetic has no metrics (every variant needs an embedded-suite expectation)");
            ValidateSyntheticMetrics(v.Synthetic?.Metrics ?? new(), $"{vp}.synthetic", errors);
            foreach (var sr in v.Synthetic?.Rows ?? new())
            {
                string srp = $"{vp}.synthetic.rows[{sr.Id}]";
                if (!sr.Id.StartsWith("synthetic-", StringComparison.Ordinal))
                    errors.Add($"{srp}: a synthetic row id must start with 'synthetic-'");
                if (string.IsNullOrWhiteSpace(sr.Label)) errors.Add($"{srp}.label is missing");
                if (sr.Metrics.Count == 0) errors.Add($"{srp}.metrics is empty");
                ValidateSyntheticMetrics(sr.Metrics, srp, errors);
            }
            foreach (var dup in v.Rows.Select(r => r.Id).Concat((v.Synthetic?.Rows ?? new()).Select(r => r.Id))
                         .GroupBy(id => id).Where(g => g.Count() > 1))
                errors.Add($"{vp}: row id '{dup.Key}' appears {dup.Count()} times");
            foreach (var r in v.Rows) ValidateRow(r, $"{vp}.rows[{r.Id}]", errors);
        }
        return errors;
    }

    private static void ValidateSyntheticMetrics(List<SyntheticMetric> metrics, string path, List<string> errors)
    {
        foreach (var s in metrics)
        {
            string sp = $"{path}.{s.Name}";
            if (string.IsNullOrWhiteSpace(s.Name)) errors.Add($"{path}: a metric has no name");
            if (!Units.Contains(s.Unit)) errors.Add($"{sp}.unit '{s.Unit}' is not one of {string.Join(", ", Units)}");
            if (!Directions.Contains(s.Direction)) errors.Add($"{sp}.direction '{s.Direction}' is not higher/lower");
            if (string.IsNullOrWhiteSpace(s.Rationale)) errors.Add($"{sp}.rationale is missing");
        }
    }

    private static void ValidateRow(ExpectedRow r, string rp, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(r.Id)) errors.Add($"{rp}: row has no 'id'");
        if (string.IsNullOrWhiteSpace(r.Label)) errors.Add($"{rp}.label is missing");
        if (r.Metrics.Count == 0) errors.Add($"{rp}.metrics is empty");
        foreach (var s in r.Sources)
        {
            if (!s.Table.StartsWith("Table ", StringComparison.Ordinal)) errors.Add($"{rp}.sources: table '{s.Table}' does not name a paper table");
            if (string.IsNullOrWhiteSpace(s.Section)) errors.Add($"{rp}.sources[{s.Table}].section is missing");
            if (s.Row.Count == 0) errors.Add($"{rp}.sources[{s.Table}].row is empty");
        }
        foreach (var m in r.Metrics)
        {
            string mp = $"{rp}.metrics[{m.Name}]";
            if (string.IsNullOrWhiteSpace(m.Name)) errors.Add($"{rp}: a metric has no name");
            if (!Units.Contains(m.Unit)) errors.Add($"{mp}.unit '{m.Unit}' is not one of {string.Join(", ", Units)}");
            if (!Directions.Contains(m.Direction)) errors.Add($"{mp}.direction '{m.Direction}' is not higher/lower");
            if (m.Tolerance.Absolute is null == m.Tolerance.Relative is null)
                errors.Add($"{mp}.tolerance needs exactly one of 'absolute' or 'relative'");
            if (m.Tolerance.Absolute < 0 || m.Tolerance.Relative < 0) errors.Add($"{mp}.tolerance is negative");
            if (string.IsNullOrWhiteSpace(m.Tolerance.Rationale)) errors.Add($"{mp}.tolerance.rationale is missing");
            if (m.Cells.Count != r.Sources.Count)
                errors.Add($"{mp}.cells has {m.Cells.Count} entries but the row has {r.Sources.Count} sources");
            if (r.Sources.Count == 0 && !m.Bound)
                errors.Add($"{mp}: a metric without a paper source must be marked 'bound: true'");
            if (m.Unit == "percent" && (m.Value < 0 || m.Value > 100)) errors.Add($"{mp}.value {m.Value} is not a percentage");
            if (m.Unit == "fraction" && (m.Value < 0 || m.Value > 1)) errors.Add($"{mp}.value {m.Value} is not a fraction");
        }
    }
}

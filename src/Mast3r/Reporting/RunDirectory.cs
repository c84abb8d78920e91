using System.Globalization;

namespace Mast3r.Reporting;

/// <summary>
/// Layout of one run, <c>artifacts/repro/&lt;run-id&gt;/</c>:
/// <code>
/// results.json               assembled by <see cref="AssembleResults"/> from the fragments below
/// provenance.json
/// variants/&lt;exp&gt;/&lt;variant&gt;.json   one fragment per experiment row (tests run in parallel; each writes its own)
/// tables/&lt;exp&gt;/&lt;variant&gt;[-name].csv  per-query/per-pair CSVs
/// submissions/&lt;exp&gt;/…      benchmark submission files (EXTERNAL metrics)
/// report.html
/// </code>
/// </summary>
public sealed class RunDirectory
{
    /// <summary>Opens (and creates) the run directory at <paramref name="path"/>.</summary>
    public RunDirectory(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(Path);
    }

    /// <summary>Absolute path of the run directory.</summary>
    public string Path { get; }

    /// <summary>Run id = directory name.</summary>
    public string RunId => System.IO.Path.GetFileName(Path);

    /// <summary><c>results.json</c>.</summary>
    public string ResultsPath => System.IO.Path.Combine(Path, "results.json");

    /// <summary><c>provenance.json</c>.</summary>
    public string ProvenancePath => System.IO.Path.Combine(Path, "provenance.json");

    /// <summary><c>report.html</c>.</summary>
    public string ReportPath => System.IO.Path.Combine(Path, "report.html");

    /// <summary>Opens <c>&lt;artifactsRoot&gt;/repro/&lt;runId&gt;</c>, with a fresh id when none is given.</summary>
    public static RunDirectory Create(string artifactsRoot, string? runId = null) =>
        new(System.IO.Path.Combine(artifactsRoot, "repro", runId ?? NewRunId(DateTimeOffset.UtcNow)));

    /// <summary>A sortable, file-name-safe id such as <c>20261126-005512-3fa2</c> (UTC time plus 4 random hex digits).</summary>
    public static string NewRunId(DateTimeOffset utcNow) =>
        utcNow.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..4];

    /// <summary>Absolute path for a run-relative path with forward slashes.</summary>
    public string Resolve(string relativePath)
    {
        string full = System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, relativePath.Replace('/', System.IO.Path.DirectorySeparatorChar)));
        if (!full.StartsWith(Path + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"'{relativePath}' points outside the run directory {Path}.", nameof(relativePath));
        return full;
    }

    /// <summary>Run-relative path of a variant's CSV, <c>tables/&lt;exp&gt;/&lt;variant&gt;[-name].csv</c>.</summary>
    public static string TablePath(string experimentId, string variantId, string? name = null) =>
        $"tables/{Safe(experimentId)}/{Safe(variantId)}{(name == null ? "" : "-" + Safe(name))}.csv";

    /// <summary>Writes <paramref name="table"/> at <see cref="TablePath"/> and returns the reference to put in the variant.</summary>
    public TableReference WriteTable(string experimentId, string variantId, CsvTable table, IReadOnlyList<string> curveColumns, string rowKind = "query", string? name = null)
    {
        foreach (var c in curveColumns) table.IndexOf(c);
        string relative = TablePath(experimentId, variantId, name);
        table.Write(Resolve(relative));
        return new TableReference { Path = relative, RowKind = rowKind, CurveColumns = curveColumns };
    }

    /// <summary>
    /// Records one experiment row. Each variant has its own file, so parallel tests never race on
    /// <c>results.json</c>; <paramref name="order"/> keeps YAML order in the assembled file.
    /// </summary>
    public void WriteVariant(string experimentId, VariantResult variant, string? experimentTitle = null, int order = 0) =>
        ReproJson.Write(Resolve($"variants/{Safe(experimentId)}/{Safe(variant.Id)}.json"),
            new VariantFragment { ExperimentId = experimentId, ExperimentTitle = experimentTitle, Order = order, Variant = variant });

    /// <summary>Records what one experiment row used, beside its variant fragment (see <see cref="ProvenanceFragment"/>).</summary>
    public void WriteProvenanceFragment(ProvenanceFragment fragment) =>
        ReproJson.Write(Resolve($"provenance/{Safe(fragment.ExperimentId)}/{Safe(fragment.ResultId)}.json"), fragment);

    /// <summary>All provenance fragments of the run, in file-name order.</summary>
    public IReadOnlyList<ProvenanceFragment> ReadProvenanceFragments()
    {
        string dir = System.IO.Path.Combine(Path, "provenance");
        return Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(ReproJson.Read<ProvenanceFragment>).ToList()
            : [];
    }

    /// <summary>Builds <see cref="RunResults"/> from all variant fragments (experiments by id, variants by order then id).</summary>
    public RunResults AssembleResults()
    {
        string dir = System.IO.Path.Combine(Path, "variants");
        var fragments = Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir, "*.json", SearchOption.AllDirectories).Select(ReproJson.Read<VariantFragment>).ToList()
            : [];
        var experiments = fragments
            .GroupBy(f => f.ExperimentId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ExperimentResult
            {
                Id = g.Key,
                Title = g.Select(f => f.ExperimentTitle).FirstOrDefault(t => t != null),
                Variants = g.OrderBy(f => f.Order).ThenBy(f => f.Variant.Id, StringComparer.Ordinal).Select(f => f.Variant).ToList(),
            })
            .ToList();
        return new RunResults { RunId = RunId, Experiments = experiments };
    }

    /// <summary>Assembles and writes <c>results.json</c>; returns what was written.</summary>
    public RunResults WriteResults()
    {
        var results = AssembleResults();
        WriteResults(results);
        return results;
    }

    /// <summary>Writes <c>results.json</c>.</summary>
    public void WriteResults(RunResults results) => ReproJson.Write(ResultsPath, results);

    /// <summary>Reads <c>results.json</c>.</summary>
    public RunResults ReadResults() => ReproJson.Read<RunResults>(ResultsPath);

    /// <summary>Writes <c>provenance.json</c>.</summary>
    public void WriteProvenance(Provenance provenance) => ReproJson.Write(ProvenancePath, provenance);

    /// <summary>Reads <c>provenance.json</c>.</summary>
    public Provenance ReadProvenance() => ReproJson.Read<Provenance>(ProvenancePath);

    private static string Safe(string id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.IndexOfAny(['/', '\\']) >= 0 || id is "." or ".." || id.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) >= 0)
            throw new ArgumentException($"'{id}' is not usable as a file name (ids must be plain names such as 'aachen-day').");
        return id;
    }
}

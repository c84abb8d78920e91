using FluentAssertions;
using Mast3r.Reproduction;
using Mast3r.Tests.TestSupport;
using Xunit;

namespace Mast3r.Tests.Reproduction;

[Trait("Category", "Unit")]
public sealed class ExpectedResultsTests
{
    private static string Dir => Path.Combine(TestPaths.RepoRoot, "repro", "ExpectedResults");

    private static readonly Lazy<IReadOnlyList<ExpectedResultsFile>> Files = new(() => ExpectedResultsLoader.LoadDirectory(Dir));

    [Fact]
    public void EveryExpectedResultsFileFollowsTheSchema()
    {
        Files.Value.Select(f => f.Experiment).Should().BeEquivalentTo("visloc", "mapfree", "relpose", "mvs", "matching");
    }

    [Fact]
    public void EveryPaperNumberEqualsItsCellInTheCommittedExpectedResultsMarkdown()
    {
        var md = MarkdownTables.Parse(File.ReadAllText(Path.Combine(Dir, "SOURCE-expected-results.md")));
        int checkedCells = 0;
        foreach (var file in Files.Value)
            foreach (var variant in file.Variants)
                foreach (var row in variant.Rows)
                    for (int s = 0; s < row.Sources.Count; s++)
                        foreach (var metric in row.Metrics)
                        {
                            var src = row.Sources[s];
                            var (column, part) = SplitCell(metric.Cells[s]);
                            string cell = md.FindCell(src.Section, src.Row, column);
                            MarkdownTables.ParseNumber(cell, part).Should().Be(metric.Value,
                                $"{file.Experiment}/{variant.Id}/{row.Id}/{metric.Name} cites {src.Table} cell '{cell}'");
                            checkedCells++;
                        }
        // MASt3R cells of Tables 1-5: T1 4x7 + T2 3x7 + T3 left 4 + T3 right 3 + T4 (Aachen 4x2x3, InLoc 4x2x3)
        // + T5 (Aachen 4x2x3, DTU 2x3) = 28 + 21 + 4 + 3 + 48 + 30 = 134.
        checkedCells.Should().Be(134);
    }

    [Fact]
    public void EveryMastr3RowOfTables1To5IsCovered()
    {
        var cited = Files.Value.SelectMany(f => f.Variants).SelectMany(v => v.Rows).SelectMany(r => r.Sources)
            .Select(s => (s.Table, string.Join("|", s.Row))).ToHashSet();
        cited.Should().Contain(new[]
        {
            ("Table 1", "II"), ("Table 1", "III"), ("Table 1", "IV"), ("Table 1", "V"),
            ("Table 2", "MASt3R (DPT depth)"), ("Table 2", "MASt3R (headline)"),
            ("Table 2", "MASt3R direct reg. (PnP on X^{2,1}, no matching)"),
            ("Table 3 (left)", "MASt3R"), ("Table 3 (right)", "MASt3R"),
            ("Table 4", "MASt3R top1"), ("Table 4", "MASt3R top20"), ("Table 4", "MASt3R top40"),
            ("Table 4", "MASt3R direct reg. top1"),
            ("Table 5", "MASt3R top1|×"), ("Table 5", "MASt3R top1|✓"), ("Table 5", "MASt3R top20|×"),
            ("Table 5", "MASt3R top20|✓"), ("Table 5", "MASt3R, coarse only (384×512)"), ("Table 5", "MASt3R, coarse-to-fine"),
        });
    }

    [Fact]
    public void HiddenGroundTruthIsDeclaredForAachenInLocAndMapFreeTestOnly()
    {
        var hidden = Files.Value.SelectMany(f => f.Variants.Where(v => v.IsHidden).Select(v => $"{f.Experiment}/{v.Id}"));
        hidden.Should().BeEquivalentTo("visloc/aachen-day", "visloc/aachen-night", "visloc/inloc-duc1", "visloc/inloc-duc2", "mapfree/test");
    }

    [Fact]
    public void SchemaViolationsAreReportedWithFileAndKey()
    {
        string dir = TestPaths.NewTempDir();
        string path = Path.Combine(dir, "broken.yaml");
        File.WriteAllText(path, """
            experiment: other
            title: t
            variants:
              - id: a
                dataset: d
                ground_truth: secret
                evaluation: e
                rows:
                  - id: r
                    label: l
                    sources: [{ table: Table 9, section: "x", row: ["y"] }]
                    metrics:
                      - { name: m, cells: [], value: 150, unit: percent, direction: up, tolerance: { rationale: "" } }
            """);
        var act = () => ExpectedResultsLoader.Load(path);
        var ex = act.Should().Throw<InvalidDataException>().Which;
        ex.Message.Should().Contain(path).And.Contain("'experiment' is 'other'").And.Contain("ground_truth is 'secret'")
            .And.Contain("direction 'up'").And.Contain("exactly one of 'absolute' or 'relative'")
            .And.Contain("cells has 0 entries").And.Contain("value 150 is not a percentage").And.Contain("synthetic has no metrics");
    }

    [Fact]
    public void ExtraSyntheticRowsNeedASyntheticIdALabelMetricsAndAnIdUnusedByPaperRows()
    {
        string path = Path.Combine(TestPaths.NewTempDir(), "extras.yaml");
        File.WriteAllText(path, """
            experiment: extras
            title: t
            variants:
              - id: a
                dataset: d
                ground_truth: public
                evaluation: e
                rows:
                  - id: synthetic-x
                    label: l
                    sources: []
                    metrics:
                      - { name: m, cells: [], value: 1, unit: m, direction: lower, bound: true, tolerance: { absolute: 1, rationale: r } }
                synthetic:
                  metrics: [{ name: m, unit: m, direction: lower, threshold: 1, rationale: r }]
                  rows:
                    - { id: direct, label: l, settings: { mode: direct-regression }, metrics: [{ name: m, unit: m, direction: lower, threshold: 1, rationale: r }] }
                    - { id: synthetic-x, label: "", metrics: [] }
            """);
        var act = () => ExpectedResultsLoader.Load(path);
        act.Should().Throw<InvalidDataException>().Which.Message.Should()
            .Contain("synthetic.rows[direct]: a synthetic row id must start with 'synthetic-'")
            .And.Contain("synthetic.rows[synthetic-x].label is missing").And.Contain("synthetic.rows[synthetic-x].metrics is empty")
            .And.Contain("row id 'synthetic-x' appears 2 times");
    }

    [Fact]
    public void DirectRegressionPaperRowsHaveAnOracleSyntheticRowInTheirVariant()
    {
        foreach (var f in Files.Value)
            foreach (var v in f.Variants.Where(v => v.Rows.Any(r => r.Setting("mode", "matching") == "direct-regression")))
                v.Synthetic!.Rows.Should().Contain(r => r.Settings.GetValueOrDefault("mode") == "direct-regression", $"{f.Experiment}/{v.Id}");
    }

    [Fact]
    public void YamlSyntaxErrorsNameTheLine()
    {
        string path = Path.Combine(TestPaths.NewTempDir(), "bad.yaml");
        File.WriteAllText(path, "experiment: bad\ntitle: [unclosed\n");
        var act = () => ExpectedResultsLoader.Load(path);
        act.Should().Throw<InvalidDataException>().WithMessage($"{path}, line *");
    }

    [Fact]
    public void UnknownKeysAreRejected()
    {
        string path = Path.Combine(TestPaths.NewTempDir(), "extra.yaml");
        File.WriteAllText(path, "experiment: extra\ntitle: t\ntypo_key: 1\n");
        var act = () => ExpectedResultsLoader.Load(path);
        act.Should().Throw<InvalidDataException>().WithMessage("*typo_key*");
    }

    private static (string Column, int Part) SplitCell(string cell)
    {
        int hash = cell.LastIndexOf('#');
        return hash < 0 ? (cell, 0) : (cell[..hash], int.Parse(cell[(hash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}

using Mast3r.Reporting;

namespace Mast3r.Tests.Reporting;

/// <summary>A small but complete run directory (every status, two experiments, per-query CSVs, provenance) for report tests.</summary>
internal static class SampleRun
{
    public const double AachenDayMeasured = 91.37;
    public const double MapfreeMeasured = 0.4217;

    public static RunDirectory Create(string artifactsRoot, int queries = 60)
    {
        var run = RunDirectory.Create(artifactsRoot, "20261126-010000-abcd");
        var rng = new Random(42);
        var day = new CsvTable(["query", "t_err_m", "r_err_deg"]);
        var night = new CsvTable(["query", "t_err_m", "r_err_deg"]);
        for (int i = 0; i < queries; i++)
        {
            day.AddRow($"day/q{i:000}.jpg", rng.NextDouble() * 0.5, rng.NextDouble() * 3);
            night.AddRow($"night/q{i:000}.jpg", i % 10 == 0 ? double.NaN : rng.NextDouble() * 2, i % 10 == 0 ? double.NaN : rng.NextDouble() * 8);
        }
        var dayRef = run.WriteTable("visloc", "aachen-day", day, ["t_err_m", "r_err_deg"]);
        var nightRef = run.WriteTable("visloc", "aachen-night", night, ["t_err_m", "r_err_deg"]);

        run.WriteVariant("visloc", new VariantResult
        {
            Id = "aachen-day", Tables = [dayRef], Seconds = 12.5,
            Metrics =
            [
                new MetricResult { Name = "acc_0.25m_2deg", Unit = "%", Expected = 91.5, Tolerance = 1.5, Measured = AachenDayMeasured, Status = MetricStatus.Pass, Table = "Table 4", Row = "MASt3R top40, day", ToleranceRationale = "RANSAC seed spread" },
                new MetricResult { Name = "acc_5m_10deg", Unit = "%", Expected = 99.5, Tolerance = 0.5, Status = MetricStatus.External, Reason = "hidden ground truth: upload submissions/visloc/aachen.txt", Table = "Table 4", Row = "MASt3R top40, day" },
            ],
            Submissions = ["submissions/visloc/aachen.txt"],
        }, "Visual localization", order: 0);
        run.WriteVariant("visloc", new VariantResult
        {
            Id = "aachen-night", Tables = [nightRef],
            Metrics = [new MetricResult { Name = "acc_0.25m_2deg", Unit = "%", Expected = 82.2, Tolerance = 2, Measured = 71.05, Status = MetricStatus.Fail, Table = "Table 4", Row = "MASt3R top40, night" }],
        }, "Visual localization", order: 1);
        run.WriteVariant("mapfree", new VariantResult
        {
            Id = "val",
            Metrics =
            [
                new MetricResult { Name = "vcre_auc", Unit = "", Direction = MetricDirection.Higher, Expected = 0.4, Tolerance = 0.05, Measured = MapfreeMeasured, Status = MetricStatus.Pass, Table = "Table 1", Row = "MASt3R (Ess.Mat + D.scale)" },
                new MetricResult { Name = "median_t_err", Unit = "m", Direction = MetricDirection.Lower, Expected = 1.1, Tolerance = 0.2, Status = MetricStatus.Skipped, Reason = "data/mapfree/val not found; run ./build.sh PrepareDatasets --dataset mapfree", Table = "Table 1", Row = "MASt3R" },
            ],
        }, "Map-free relocalization");
        run.WriteResults();
        run.WriteProvenance(ProvenanceCapture.Host(run.RunId, AppContext.BaseDirectory) with
        {
            Predictor = "ground-truth oracle",
            Seed = 0,
            FinishedUtc = DateTimeOffset.UtcNow,
            Datasets = [new DatasetProvenance("synthetic:visloc", "/tmp/synthetic", "sha256:0123abcd")],
            Timings = [new StageTiming("visloc/aachen-day: matching", 3.25)],
            Settings = new Dictionary<string, string> { ["image_size"] = "512" },
        });
        return run;
    }
}

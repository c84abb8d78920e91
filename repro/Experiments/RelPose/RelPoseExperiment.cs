using Mast3r.Repro.Experiments.Framework;
using Xunit;

namespace Mast3r.Repro.Experiments.RelPose;

/// <summary>
/// CO3Dv2 / RealEstate10K multi-view pose from pairwise essential matrices (paper §4.3, Table 3 left). The rows are
/// generated and resolve their inputs, but the CO3D/RE10K readers, their synthetic layouts and the PoseDiffusion
/// metrics are not implemented in this branch yet, so every row stops with that reason (SKIPPED, never PASS).
/// </summary>
public sealed class RelPoseExperiment
{
    /// <summary>Rows from ExpectedResults/relpose.yaml.</summary>
    public static IEnumerable<ITheoryDataRow> Rows => ExperimentRows.For("relpose");

    /// <summary>Runs one row.</summary>
    [Theory]
    [MemberData(nameof(Rows))]
    public void EstimatePoses(string variant, string row)
    {
        var run = ExperimentRun.Start("relpose", variant, row);
        if (!run.IsSynthetic) ExperimentInputs.DatasetDirectory(run);
        run.Unavailable($"the {variant} pipeline (reader, 10-frame sampling, pairwise essential matrices, RRA/RTA/mAA) is not implemented yet");
    }
}

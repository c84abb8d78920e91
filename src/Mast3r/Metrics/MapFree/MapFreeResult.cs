namespace Mast3r.Metrics.MapFree;

/// <summary>
/// The single-frame map-free metrics (benchmark/mapfree.py aggregate_results). Errors are per-scene medians
/// averaged over the scenes that have at least one estimate; precisions, AUCs and the estimate rate are fractions
/// whose denominator includes the missing frames.
/// </summary>
/// <param name="AverageMedianTranslationError">Mean over scenes of the median camera-centre error, metres.</param>
/// <param name="AverageMedianRotationError">Mean over scenes of the median rotation error, degrees.</param>
/// <param name="AverageMedianReprojectionError">Mean over scenes of the median VCRE, pixels.</param>
/// <param name="PrecisionPose">Fraction of frames with translation &lt; 0.25 m and rotation &lt; 5°.</param>
/// <param name="AucPose">Confidence-swept precision/recall AUC for the pose criterion.</param>
/// <param name="PrecisionVcre">Fraction of frames with VCRE &lt; 90 px.</param>
/// <param name="AucVcre">Confidence-swept precision/recall AUC for the VCRE criterion.</param>
/// <param name="EstimatesFraction">Estimated frames / evaluated frames (a fraction despite the official name).</param>
/// <param name="Estimates">Number of evaluated frames with an estimate.</param>
/// <param name="Failures">Number of missing frames (all GT lines of a scene whose file is absent, as the reference counts them).</param>
public sealed record MapFreeResult(
    double AverageMedianTranslationError,
    double AverageMedianRotationError,
    double AverageMedianReprojectionError,
    double PrecisionPose,
    double AucPose,
    double PrecisionVcre,
    double AucVcre,
    double EstimatesFraction,
    int Estimates,
    int Failures)
{
    // Key names as the reference prints them: its thresholds are the Python float 0.25 (f-string of 0.25*100 →
    // "25.0") and the ints 5 and 90 (benchmark/config.py).
    private const string PoseCriterion = "Pose Error < (25.0cm, 5deg)";
    private const string VcreCriterion = "VCRE < 90px";

    /// <summary>The metrics under the exact key names printed by the official benchmark, in its order.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> ToOfficialEntries() =>
    [
        new("Average Median Translation Error", AverageMedianTranslationError),
        new("Average Median Rotation Error", AverageMedianRotationError),
        new("Average Median Reprojection Error", AverageMedianReprojectionError),
        new($"Precision @ {PoseCriterion}", PrecisionPose),
        new($"AUC @ {PoseCriterion}", AucPose),
        new($"Precision @ {VcreCriterion}", PrecisionVcre),
        new($"AUC @ {VcreCriterion}", AucVcre),
        new("Estimates for % of frames", EstimatesFraction),
    ];
}

namespace Mast3r.Metrics.Dtu;

/// <summary>DTU point-cloud metrics for one scan, millimetres (NaN if no distance falls below the cap).</summary>
/// <param name="Accuracy">Mean distance from in-mask predicted points to the reference, over distances below the cap.</param>
/// <param name="Completeness">Mean distance from above-plane reference points to the prediction, over distances below the cap.</param>
/// <param name="Overall">(Accuracy + Completeness) / 2.</param>
/// <param name="PredictedPoints">Predicted points read.</param>
/// <param name="ReducedPoints">Predicted points left after the 0.2 mm thinning.</param>
/// <param name="InMaskPoints">Thinned points inside the observation mask (the accuracy sources).</param>
/// <param name="AbovePlanePoints">Reference points above the plane (the completeness sources).</param>
public sealed record DtuResult(double Accuracy, double Completeness, double Overall, int PredictedPoints, int ReducedPoints,
    int InMaskPoints, int AbovePlanePoints);

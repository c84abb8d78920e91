namespace Mast3r.Reporting;

/// <summary>Combines metric verdicts into one for a variant, an experiment or a run.</summary>
public static class StatusRollup
{
    /// <summary>
    /// Any FAIL → FAIL. Otherwise a mixture is only as conclusive as its weakest part: SKIPPED if anything was
    /// skipped (or nothing was there), else EXTERNAL if anything awaits the benchmark server, else PASS.
    /// </summary>
    public static MetricStatus Combine(IEnumerable<MetricStatus> statuses)
    {
        bool any = false, skipped = false, external = false;
        foreach (var s in statuses)
        {
            any = true;
            switch (s)
            {
                case MetricStatus.Fail: return MetricStatus.Fail;
                case MetricStatus.Skipped: skipped = true; break;
                case MetricStatus.External: external = true; break;
            }
        }
        if (!any || skipped) return MetricStatus.Skipped;
        return external ? MetricStatus.External : MetricStatus.Pass;
    }
}

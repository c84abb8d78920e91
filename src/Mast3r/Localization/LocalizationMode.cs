namespace Mast3r.Localization;

/// <summary>How a localization pipeline gets its 2-D/3-D correspondences.</summary>
internal enum LocalizationMode
{
    /// <summary>Reciprocal descriptor matching against the reference's 3-D (the paper's main rows).</summary>
    Matching,

    /// <summary>No matching: PnP on the regressed pointmap X^{2,1} (paper "direct reg." rows, <see cref="DirectRegressionLocalizer"/>).</summary>
    DirectRegression,
}

/// <summary>The YAML spelling of <see cref="LocalizationMode"/> (the <c>mode</c> setting of ExpectedResults rows).</summary>
internal static class LocalizationModes
{
    /// <summary><c>matching</c> or <c>direct-regression</c>; anything else throws with the accepted values.</summary>
    public static LocalizationMode Parse(string text) => text switch
    {
        "matching" => LocalizationMode.Matching,
        "direct-regression" => LocalizationMode.DirectRegression,
        _ => throw new ArgumentException($"unknown localization mode '{text}' (expected matching or direct-regression)", nameof(text)),
    };

    /// <summary>The YAML spelling.</summary>
    public static string Text(LocalizationMode mode) => mode == LocalizationMode.DirectRegression ? "direct-regression" : "matching";
}

using Mast3r.Images;

namespace Mast3r.Localization;

/// <summary>An image at network resolution that knows where its pixels lie in the original image.</summary>
internal interface INetworkView
{
    /// <summary>The network input.</summary>
    PreprocessedImage Image { get; }

    /// <summary>Network pixel → original pixel (OpenCV convention), as the pipeline reports matches.</summary>
    (double X, double Y) ToOriginal(double x, double y);
}

using Mast3r.IO;

namespace Mast3r.Datasets.Visloc;

/// <summary>
/// The size of a map image as dust3r_visloc takes it: W, H of the image file itself (PIL <c>Image.size</c>), which
/// sizes the image's 3-D data (InLoc XYZcut, 7-Scenes depth). Our pipeline also uses the kapture sensor's size, so
/// the two must agree; a mismatch is an error naming both files rather than a silent disagreement.
/// </summary>
internal static class MapImageFile
{
    public static (int Width, int Height) Size(string imagePath, CameraIntrinsics camera, string sensorsPath)
    {
        var (w, h) = ImageFileSize.Read(imagePath);
        if (w != camera.Width || h != camera.Height)
            throw new InvalidDataException($"{imagePath} is {w}×{h} but its camera in {sensorsPath} is {camera.Width}×{camera.Height}");
        return (w, h);
    }
}

namespace Mast3r.Training.Data;

/// <summary>
/// One view as a dataset yields it before collation (dust3r view dict): RGB image, depth map (&gt;0 valid, 0 missing,
/// &lt;0 sky), OpenCV intrinsics, camera→world pose, and the derived GT point map and masks.
/// </summary>
internal sealed class ViewSample
{
    public required byte[] Image { get; set; }        // H×W×3 RGB
    public required float[] Depth { get; set; }       // H×W
    public required int Height { get; set; }
    public required int Width { get; set; }
    public required double[] K { get; set; }          // 3×3 row-major
    public required double[] CamToWorld { get; init; } // 4×4 row-major (float32 values)
    public bool IsMetricScale { get; init; }
    public string Instance { get; init; } = "";
    public string Dataset { get; init; } = "";

    public float[] Pts3d { get; private set; } = Array.Empty<float>();
    public bool[] Valid { get; private set; } = Array.Empty<bool>();
    public bool[] Sky { get; private set; } = Array.Empty<bool>();

    /// <summary>
    /// dust3r <c>depthmap_to_absolute_camera_coordinates</c> in float32, then valid = depth &gt; 0 and finite
    /// point, sky = depth &lt; 0 (mast3r datasets).
    /// </summary>
    public void ComputeGeometry()
    {
        int n = Height * Width;
        Pts3d = new float[n * 3];
        Valid = new bool[n];
        Sky = new bool[n];
        float fx = (float)K[0], fy = (float)K[4], cx = (float)K[2], cy = (float)K[5];
        var r = CamToWorld.Select(v => (float)v).ToArray();
        for (int v = 0; v < Height; v++)
            for (int u = 0; u < Width; u++)
            {
                int i = v * Width + u;
                float z = Depth[i];
                float xc = (u - cx) * z / fx, yc = (v - cy) * z / fy;
                for (int a = 0; a < 3; a++)
                    Pts3d[3 * i + a] = r[a * 4] * xc + r[a * 4 + 1] * yc + r[a * 4 + 2] * z + r[a * 4 + 3];
                bool finite = float.IsFinite(Pts3d[3 * i]) && float.IsFinite(Pts3d[3 * i + 1]) && float.IsFinite(Pts3d[3 * i + 2]);
                Valid[i] = z > 0 && finite;
                Sky[i] = z < 0;
            }
    }

    internal Correspondences.View AsCorrespondenceView() => new(Pts3d, Height, Width, K, CamToWorld);
}

namespace Mast3r.Metrics.MapFree;

/// <summary>
/// Pinhole intrinsics of one map-free frame in full-resolution pixels. Stored in single precision because the
/// official loader builds K as float32, so the reference VCRE sees float-rounded focal lengths and centres.
/// </summary>
/// <param name="Fx">Focal length along x.</param>
/// <param name="Fy">Focal length along y.</param>
/// <param name="Cx">Principal point x.</param>
/// <param name="Cy">Principal point y.</param>
public readonly record struct MapFreeIntrinsics(float Fx, float Fy, float Cx, float Cy);

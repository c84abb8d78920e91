using System.Text.Json;
using Mast3r.Geometry;

namespace Mast3r.Datasets.Synthetic;

/// <summary>
/// <c>synthetic_scene.json</c> at the root of every synthetic layout: the exact camera of each written image (path
/// relative to the root). The ground-truth oracle reads it to produce pointmaps and descriptors for an image path.
/// </summary>
internal sealed class SyntheticManifest
{
    public const string FileName = "synthetic_scene.json";

    private readonly Dictionary<string, SyntheticCamera> _byPath = new(StringComparer.Ordinal);

    public string Root { get; }

    public SyntheticManifest(string root) => Root = Path.GetFullPath(root);

    public IReadOnlyDictionary<string, SyntheticCamera> Cameras => _byPath;

    /// <summary>Renders the camera, saves the image at <paramref name="relativePath"/> and records the camera.</summary>
    public void AddImage(SyntheticScene scene, string relativePath, SyntheticCamera camera)
    {
        camera.Render(scene).Save(Path.Combine(Root, relativePath));
        _byPath[relativePath.Replace('\\', '/')] = camera;
    }

    /// <summary>Records the camera of an image written elsewhere.</summary>
    public void Register(string relativePath, SyntheticCamera camera) => _byPath[relativePath.Replace('\\', '/')] = camera;

    /// <summary>The camera of an image given by absolute (or root-relative) path, or null.</summary>
    public SyntheticCamera? Find(string path)
    {
        string full = Path.GetFullPath(path, Root);
        string rel = Path.GetRelativePath(Root, full).Replace('\\', '/');
        return _byPath.GetValueOrDefault(rel);
    }

    public void Save()
    {
        var entries = _byPath.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv =>
        {
            var k = kv.Value.Intrinsics;
            var (qw, qx, qy, qz) = kv.Value.WorldToCamera.ToQuaternion();
            var t = kv.Value.WorldToCamera.Translation;
            return new Entry(k.Width, k.Height, k.Fx, k.Fy, k.Cx, k.Cy, new[] { qw, qx, qy, qz }, t);
        });
        File.WriteAllText(Path.Combine(Root, FileName), JsonSerializer.Serialize(new Document("mast3r-synthetic-room-v1", entries),
            new JsonSerializerOptions { WriteIndented = true }));
    }

    public static SyntheticManifest Load(string root)
    {
        string path = Path.Combine(root, FileName);
        TextRecords.RequireFile(path);
        var doc = JsonSerializer.Deserialize<Document>(File.ReadAllText(path))
                  ?? throw new InvalidDataException($"{path}: empty manifest");
        var m = new SyntheticManifest(root);
        foreach (var (rel, e) in doc.Images)
        {
            if (e.Q.Length != 4 || e.T.Length != 3) throw new InvalidDataException($"{path}: image '{rel}' has a malformed pose");
            m._byPath[rel] = new SyntheticCamera(new CameraIntrinsics(e.W, e.H, e.Fx, e.Fy, e.Cx, e.Cy),
                Pose.FromQuaternion(e.Q[0], e.Q[1], e.Q[2], e.Q[3], e.T[0], e.T[1], e.T[2]));
        }
        return m;
    }

    internal sealed record Entry(int W, int H, double Fx, double Fy, double Cx, double Cy, double[] Q, double[] T);

    internal sealed record Document(string Scene, Dictionary<string, Entry> Images);
}

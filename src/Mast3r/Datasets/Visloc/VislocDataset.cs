using Mast3r.Datasets.Colmap;
using Mast3r.Datasets.Kapture;
using Mast3r.Geometry;

namespace Mast3r.Datasets.Visloc;

/// <summary>A query image: path, intrinsics (OpenCV convention) and, when public, its world→camera ground truth.</summary>
internal sealed record VislocQuery(string Name, string ImagePath, CameraIntrinsics Camera, Pose? GroundTruth);

/// <summary>A database image with its pose and sparse 2-D/3-D observations (OpenCV pixels, world XYZ).</summary>
internal sealed record VislocMapImage(string Name, string ImagePath, CameraIntrinsics Camera, Pose WorldToCamera, double[] Pixels, double[] Points);

/// <summary>
/// A visual-localization dataset in one of the dust3r_visloc layouts (protocols.md §1.1): queries, database images
/// with sparse 3-D, and the retrieval pairs. Aachen Day-Night v1.1 and Cambridge Landmarks read a COLMAP map and
/// kapture query lists; a <c>trajectories.txt</c> next to the query records (Cambridge, the synthetic layouts) gives
/// local ground truth.
/// </summary>
internal sealed class VislocDataset
{
    private readonly ColmapModel _model;
    private readonly string _mapImageRoot;

    private VislocDataset(string name, ColmapModel model, string mapImageRoot, List<VislocQuery> queries,
        Dictionary<string, List<string>> pairs, IReadOnlyList<string> metadataFiles)
    {
        Name = name;
        _model = model;
        _mapImageRoot = mapImageRoot;
        Queries = queries;
        Pairs = pairs;
        MetadataFiles = metadataFiles;
    }

    public string Name { get; }
    public IReadOnlyList<VislocQuery> Queries { get; }
    public IReadOnlyDictionary<string, List<string>> Pairs { get; }

    /// <summary>The text files the dataset was read from (hashed into the dataset fingerprint).</summary>
    public IReadOnlyList<string> MetadataFiles { get; }

    /// <summary>Aachen Day-Night v1.1: <paramref name="subset"/> is day, night or all (substring of the query path).</summary>
    public static VislocDataset OpenAachen(string root, string subset, string pairsName = "fire_top50")
    {
        string recon = Path.Combine(root, "mapping", "colmap", "reconstruction");
        string kq = Path.Combine(root, "kapture", "query", "sensors");
        string pairs = Path.Combine(root, "pairsfile", "query", pairsName + ".txt");
        string images = Path.Combine(root, "images");
        return Open($"aachen-{subset}", recon, kq, pairs, images, images, name => subset == "all" || name.Contains(subset, StringComparison.Ordinal));
    }

    /// <summary>Cambridge Landmarks scene (e.g. ShopFacade).</summary>
    public static VislocDataset OpenCambridge(string root, string scene, string pairsName = "APGeM-LM18_top50")
    {
        string recon = Path.Combine(root, "mapping", scene, "colmap", "reconstruction");
        string kq = Path.Combine(root, "kapture", scene, "query", "sensors");
        string pairs = Path.Combine(root, scene, "pairsfile", "query", pairsName + ".txt");
        string images = Path.Combine(root, scene);
        return Open($"cambridge-{scene}", recon, kq, pairs, images, images, _ => true);
    }

    private static VislocDataset Open(string name, string reconstruction, string querySensors, string pairsPath,
        string queryImageRoot, string mapImageRoot, Func<string, bool> keepQuery)
    {
        var model = ColmapModel.Read(reconstruction);
        string sensorsPath = Path.Combine(querySensors, "sensors.txt");
        string recordsPath = Path.Combine(querySensors, "records_camera.txt");
        string trajPath = Path.Combine(querySensors, "trajectories.txt");
        var sensors = KaptureFiles.ReadSensors(sensorsPath);
        var records = KaptureFiles.ReadRecords(recordsPath);
        var gt = File.Exists(trajPath) ? KaptureFiles.ReadTrajectories(trajPath) : null;
        var pairs = PairsFile.Read(pairsPath);
        var queries = new List<VislocQuery>();
        foreach (var r in records)
        {
            if (!pairs.ContainsKey(r.ImagePath) || !keepQuery(r.ImagePath)) continue;
            if (!sensors.TryGetValue(r.SensorId, out var cam))
                throw new InvalidDataException($"{recordsPath}: sensor '{r.SensorId}' of '{r.ImagePath}' is not in {sensorsPath}");
            Pose? pose = gt is not null && gt.TryGetValue((r.Timestamp, r.SensorId), out var p) ? p : null;
            queries.Add(new VislocQuery(r.ImagePath, Path.Combine(queryImageRoot, r.ImagePath), cam, pose));
        }
        foreach (var (q, maps) in pairs)
            foreach (var m in maps)
                if (!model.ImagesByName.ContainsKey(m))
                    throw new InvalidDataException($"{pairsPath}: map image '{m}' (query '{q}') is not in {reconstruction}/images.txt");
        var files = new List<string> { Path.Combine(reconstruction, "cameras.txt"), Path.Combine(reconstruction, "images.txt"),
            Path.Combine(reconstruction, "points3D.txt"), sensorsPath, recordsPath, pairsPath };
        if (gt is not null) files.Add(trajPath);
        return new VislocDataset(name, model, mapImageRoot, queries, pairs, files);
    }

    /// <summary>The database image named in the pairs file, with its sparse 3-D observations.</summary>
    public VislocMapImage MapImage(string name)
    {
        var im = _model.ImagesByName[name];
        var (px, xyz) = _model.Observations(im);
        return new VislocMapImage(name, Path.Combine(_mapImageRoot, name), _model.Cameras[im.CameraId].Intrinsics(), im.WorldToCamera, px, xyz);
    }
}

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
    private readonly Func<string, VislocMapImage> _mapImage;

    private VislocDataset(string name, Func<string, VislocMapImage> mapImage, List<VislocQuery> queries,
        Dictionary<string, List<string>> pairs, IReadOnlyList<string> metadataFiles)
    {
        Name = name;
        _mapImage = mapImage;
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
        return OpenColmap($"aachen-{subset}", recon, kq, pairs, images, images, name => subset == "all" || name.Contains(subset, StringComparison.Ordinal));
    }

    /// <summary>Cambridge Landmarks scene (e.g. ShopFacade).</summary>
    public static VislocDataset OpenCambridge(string root, string scene, string pairsName = "APGeM-LM18_top50")
    {
        string recon = Path.Combine(root, "mapping", scene, "colmap", "reconstruction");
        string kq = Path.Combine(root, "kapture", scene, "query", "sensors");
        string pairs = Path.Combine(root, scene, "pairsfile", "query", pairsName + ".txt");
        string images = Path.Combine(root, scene);
        return OpenColmap($"cambridge-{scene}", recon, kq, pairs, images, images, _ => true);
    }

    /// <summary>7-Scenes scene (e.g. chess) in kapture form: mapping with registered depth (the map 3-D is the
    /// back-projected depth, protocols.md §1.2 step 2), queries with GT; pairs under <c>pairfiles/</c> (sic). As in
    /// dust3r_visloc sevenscenes.py, query and map intrinsics are used without the COLMAP→OpenCV half-pixel shift.</summary>
    public static VislocDataset OpenSevenScenes(string root, string scene, string pairsName = "APGeM-LM18_top20")
    {
        string dir = Path.Combine(root, scene);
        var map = KaptureDepthMapSource.Read(Path.Combine(dir, "mapping", "sensors"));
        var querySensors = KaptureSensorData.Read(Path.Combine(dir, "query", "sensors"), shiftHalfPixel: false);
        string pairsPath = Path.Combine(dir, "pairfiles", "query", pairsName + ".txt");
        var pairs = PairsFile.Read(pairsPath);
        var queries = ReadQueries(querySensors, pairs, Path.Combine(dir, "query", "sensors", "records_data"), _ => true);
        CheckMapNames(pairs, pairsPath, map.Contains, map.Sensors.RecordsPath);
        return new VislocDataset($"7scenes-{scene}", map.MapImage, queries, pairs,
            map.Files.Concat(querySensors.Files).Append(pairsPath).ToList());
    }

    /// <summary>InLoc (DUC1 and DUC2 cutouts with XYZcut scans, iPhone 7 queries; hloc NetVLAD pairs under
    /// <c>pairfiles/</c>). The query files do not say which building a query is in (the evaluation server splits
    /// DUC1/DUC2), so every query of the pairs file is read.</summary>
    public static VislocDataset OpenInLoc(string root, string pairsName = "pairs-query-netvlad40-temporal")
    {
        var map = InLocMapSource.Read(root, new[] { "DUC1", "DUC2" });
        var querySensors = KaptureSensorData.Read(Path.Combine(root, "query", "sensors"), shiftHalfPixel: false);
        string pairsPath = Path.Combine(root, "pairfiles", "query", pairsName + ".txt");
        var pairs = PairsFile.Read(pairsPath);
        var queries = ReadQueries(querySensors, pairs, Path.Combine(root, "query", "sensors", "records_data"), _ => true);
        CheckMapNames(pairs, pairsPath, map.Contains, map.Sensors.RecordsPath);
        return new VislocDataset("inloc", map.MapImage, queries, pairs, map.Files.Concat(querySensors.Files).Append(pairsPath).ToList());
    }

    private static VislocDataset OpenColmap(string name, string reconstruction, string querySensors, string pairsPath,
        string queryImageRoot, string mapImageRoot, Func<string, bool> keepQuery)
    {
        var model = ColmapModel.Read(reconstruction);
        var sensors = KaptureSensorData.Read(querySensors);
        var pairs = PairsFile.Read(pairsPath);
        var queries = ReadQueries(sensors, pairs, queryImageRoot, keepQuery);
        CheckMapNames(pairs, pairsPath, model.ImagesByName.ContainsKey, $"{reconstruction}/images.txt");
        var files = new List<string> { Path.Combine(reconstruction, "cameras.txt"), Path.Combine(reconstruction, "images.txt"),
            Path.Combine(reconstruction, "points3D.txt") };
        files.AddRange(sensors.Files);
        files.Add(pairsPath);
        return new VislocDataset(name, mapName => ColmapMapImage(model, mapImageRoot, mapName), queries, pairs, files);
    }

    // Evaluated queries = query records that are keys of the pairs file (protocols.md §1.1).
    private static List<VislocQuery> ReadQueries(KaptureSensorData sensors, Dictionary<string, List<string>> pairs,
        string imageRoot, Func<string, bool> keepQuery)
    {
        var queries = new List<VislocQuery>();
        foreach (var r in sensors.Records)
        {
            if (!pairs.ContainsKey(r.ImagePath) || !keepQuery(r.ImagePath)) continue;
            queries.Add(new VislocQuery(r.ImagePath, Path.Combine(imageRoot, r.ImagePath), sensors.Camera(r), sensors.Pose(r)));
        }
        return queries;
    }

    private static void CheckMapNames(Dictionary<string, List<string>> pairs, string pairsPath, Func<string, bool> exists, string mapSource)
    {
        foreach (var (q, maps) in pairs)
            foreach (var m in maps)
                if (!exists(m))
                    throw new InvalidDataException($"{pairsPath}: map image '{m}' (query '{q}') is not in {mapSource}");
    }

    private static VislocMapImage ColmapMapImage(ColmapModel model, string imageRoot, string name)
    {
        var im = model.ImagesByName[name];
        var (px, xyz) = model.Observations(im);
        return new VislocMapImage(name, Path.Combine(imageRoot, name), model.Cameras[im.CameraId].Intrinsics(), im.WorldToCamera, px, xyz);
    }

    /// <summary>The database image named in the pairs file, with its sparse 3-D observations.</summary>
    public VislocMapImage MapImage(string name) => _mapImage(name);
}

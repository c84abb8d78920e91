namespace Mast3r.Datasets;

/// <summary>
/// What a benchmark dataset must look like under a data root (<c>&lt;data-root&gt;/&lt;Folder&gt;/…</c>, layouts of
/// protocols.md) and how to prepare it. Used by <c>mast3r datasets check</c> (the PrepareDatasets target) and by the
/// experiments to skip with a precise reason.
/// </summary>
internal sealed record DatasetLayout(string Key, string Folder, IReadOnlyList<string> RequiredPaths, string PrepareHint, DatasetSample? Sample = null)
{
    /// <summary>Every known layout, by key (the <c>dataset</c> field of the expected-results YAML).</summary>
    public static IReadOnlyDictionary<string, DatasetLayout> All { get; } = new[]
    {
        new DatasetLayout("aachen", "aachen", new[]
        {
            "mapping/colmap/reconstruction/cameras.txt", "mapping/colmap/reconstruction/images.txt",
            "mapping/colmap/reconstruction/points3D.txt", "kapture/query/sensors/sensors.txt",
            "kapture/query/sensors/records_camera.txt", "pairsfile/query/fire_top50.txt", "images/db/",
        }, "Aachen-Day-Night-v1.1 from visuallocalization.net; convert 3D-models/aachen_v_1_1 to TXT with `colmap model_converter`; import the query lists with kapture_import_image_list.py + kapture_merge.py; generate fire_top50.txt with naver/fire kapture_compute_pairs.py --topk 50 (protocols.md §1.1)"),
        new DatasetLayout("inloc", "inloc", new[]
        {
            "mapping/sensors/sensors.txt", "mapping/sensors/records_camera.txt", "mapping/sensors/trajectories.txt",
            "mapping/DUC1_alignment/all_transformations.txt", "mapping/DUC2_alignment/all_transformations.txt",
            "query/sensors/sensors.txt", "query/sensors/records_camera.txt",
            "pairfiles/query/pairs-query-netvlad40-temporal.txt",
        }, "InLoc in kapture form (kapture dataset downloader: `kapture_download_dataset.py install InLoc_*`), every cutout with its <cutout>.jpg.mat XYZcut scan file; pairs-query-netvlad40-temporal.txt from hloc pairs/inloc (protocols.md §1.1)",
            new DatasetSample("mapping/sensors/records_camera.txt", "mapping/sensors/records_data", new Func<string, string>[] { n => n, n => n + ".mat" })),
        new DatasetLayout("cambridge", "cambridge", new[]
        {
            "mapping/ShopFacade/colmap/reconstruction/images.txt", "kapture/ShopFacade/query/sensors/records_camera.txt",
            "kapture/ShopFacade/query/sensors/trajectories.txt", "ShopFacade/pairsfile/query/APGeM-LM18_top50.txt",
        }, "Cambridge Landmarks prepared as in naver/dust3r dust3r_visloc/README.md (COLMAP map per scene, kapture queries, AP-GeM top-50 pairs)"),
        new DatasetLayout("7scenes", "7scenes", new[]
        {
            "chess/mapping/sensors/sensors.txt", "chess/mapping/sensors/records_camera.txt", "chess/mapping/sensors/trajectories.txt",
            "chess/query/sensors/records_camera.txt",
            "chess/pairfiles/query/APGeM-LM18_top20.txt",
        }, "7-Scenes in kapture form with registered depth (frame-*.depth.reg next to every frame-*.color.png of mapping/sensors/records_data), as in naver/dust3r dust3r_visloc/README.md",
            new DatasetSample("chess/mapping/sensors/records_camera.txt", "chess/mapping/sensors/records_data",
                new Func<string, string>[] { n => n, n => Visloc.KaptureDepthMapSource.DepthName(n, "chess/mapping/sensors/records_camera.txt") })),
        new DatasetLayout("mapfree", "mapfree", new[] { "val/", "test/" },
            "Map-free relocalization from research.nianticlabs.com/mapfree-reloc-benchmark (val and test zips extracted to mapfree/val/sNNNNN, mapfree/test/sNNNNN)"),
        new DatasetLayout("co3d", "co3d", new[] { "apple/frame_annotations.jgz", "apple/sequence_annotations.jgz", "apple/set_lists/" },
            "CO3Dv2 from facebookresearch/co3d (download_dataset.py), all 41 PoseDiffusion test categories (protocols.md §3.2)"),
        new DatasetLayout("re10k", "re10k", new[] { "re10k_test_1800.txt", "test/" },
            "RealEstate10K camera files (test split, re10k/test/<id>.txt) plus frames extracted from the YouTube videos as re10k/test/<id>/<timestamp_us>.png; re10k_test_1800.txt from facebookresearch/PoseDiffusion (protocols.md §3.2)"),
        new DatasetLayout("dtu", "dtu", new[] { "Points/stl/", "ObsMask/", "Rectified/", "Calibration/cal18/" },
            "DTU MVS data (SampleSet + Points) from roboimagedata.compute.dtu.dk, extracted under dtu/ (protocols.md §4.1)"),
        new DatasetLayout("demo-pair", "demo-pair", new[] { "image0.png", "image1.png" },
            "any two overlapping images saved as demo-pair/image0.png and demo-pair/image1.png"),
    }.ToDictionary(l => l.Key, StringComparer.Ordinal);

    /// <summary>The datasets each experiment id reads (the <c>dataset</c> fields of repro/ExpectedResults/&lt;id&gt;.yaml).</summary>
    public static IReadOnlyDictionary<string, string[]> ByExperiment { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["visloc"] = new[] { "aachen", "inloc", "cambridge", "7scenes" },
        ["mapfree"] = new[] { "mapfree" },
        ["relpose"] = new[] { "co3d", "re10k" },
        ["mvs"] = new[] { "dtu" },
        ["matching"] = new[] { "demo-pair" },
    };

    /// <summary>The dataset directory under a data root.</summary>
    public string Directory(string dataRoot) => Path.Combine(dataRoot, Folder);

    /// <summary>Number of paths <see cref="Missing"/> checks (required paths plus sampled data files).</summary>
    public int CheckedCount => RequiredPaths.Count + (Sample?.Files.Count ?? 0);

    /// <summary>Absolute paths that are missing (a trailing '/' means a directory), then the sampled data files that are.</summary>
    public IReadOnlyList<string> Missing(string dataRoot)
    {
        string dir = Directory(dataRoot);
        var missing = RequiredPaths.Select(p => Path.Combine(dir, p))
            .Where(p => p.EndsWith('/') ? !System.IO.Directory.Exists(p) : !File.Exists(p)).ToList();
        if (Sample is not null) missing.AddRange(Sample.Missing(dir));
        return missing;
    }

    /// <summary>The command that reports what is missing.</summary>
    public string CheckCommand(string dataRoot) => $"mast3r datasets check --data-root {dataRoot} --dataset {Key}";
}

using Mast3r.Datasets.Visloc;
using Mast3r.Images;
using Mast3r.Inference;
using Mast3r.Matching;

namespace Mast3r.Localization;

/// <summary>
/// The coarse-to-fine step of mast3r <c>visloc.py</c> (<c>--coarse_to_fine</c>, protocols.md §1.2 step 7,
/// architecture-spec.md §6.3), one (query, map) pair at a time:
/// coarse grid matches of the network-resolution prediction (map seeds every 8 px, 3-px border dropped, no confidence
/// filter) → original pixels → max-size pixels (pure scale) → window pairs (<see cref="CoarseToFineWindows.SelectPairs"/>,
/// image 1 = map) → native-resolution crops (plain slices, or principal-point-centring homographies with
/// <c>--c2f_crop_with_homography</c>) with the map's 3-D raster cropped alike → the predictor on (query crop, map crop)
/// in batches of at most <see cref="VislocSettings.MaxBatch"/> → reciprocal matching seeded at the map crop's 3-D pixels
/// with the pixel tolerance and the confidence threshold → query pixels back through the crop's <c>to_orig</c> and
/// <c>to_orig_max</c>. Applies when the max-size query is larger than the network size.
/// Deviation: a map image that cannot be tiled (smaller than its network resolution) is matched in the coarse mode
/// (the official code stops on an assertion).
/// </summary>
internal sealed class VislocCoarseToFine
{
    private readonly IPairPredictor _predictor;
    private readonly VislocSettings _settings;
    private readonly MaxSizeImage _query;

    public VislocCoarseToFine(IPairPredictor predictor, VislocSettings settings, VislocQuery query)
    {
        _predictor = predictor;
        _settings = settings;
        _query = MaxSizeImage.Load(query.ImagePath, query.Camera, settings.MaxImageSize);
    }

    /// <summary>The official condition: the (max-size) query's long side exceeds the network size.</summary>
    public bool Applies => Math.Max(_query.Width, _query.Height) > _settings.ImageSize
                           && CoarseToFineWindows.CanTile(_query.Width, _query.Height, _settings.ImageSize);

    /// <summary>A crop ready for the network, its map back to the max-size image, and (map crops) its 3-D raster.</summary>
    private sealed record Crop(PreprocessedImage Image, double[] ToOrig, PointRaster? Raster);

    /// <summary>
    /// Matches one pair from its network-resolution prediction (view 1 = query, view 2 = map). Adds the query pixels
    /// (original resolution) and 3-D points of the fine matches; returns the number of crop pairs, or null when the map
    /// image cannot be tiled and the caller should use the coarse mode.
    /// </summary>
    public int? Match(PairPrediction coarse, VislocView query, VislocView mapNet, VislocMapImage map, List<double> pixels, List<double> points)
    {
        var mapMax = MaxSizeImage.Load(map.ImagePath, map.Camera, _settings.MaxImageSize);
        if (!CoarseToFineWindows.CanTile(mapMax.Width, mapMax.Height, _settings.ImageSize)) return null;

        var c = CoarseToFineMatcher.CoarseMatches(coarse.View2, coarse.View1);
        var matches = new MatchPoints(new double[c.X1.Length], new double[c.X1.Length], new double[c.X1.Length], new double[c.X1.Length]);
        for (int i = 0; i < c.X1.Length; i++)
        {
            var (mx, my) = mapNet.ToOriginal(c.X1[i], c.Y1[i]);
            var (qx, qy) = query.ToOriginal(c.X2[i], c.Y2[i]);
            (matches.XA[i], matches.YA[i]) = (mx / mapMax.ToOrigX, my / mapMax.ToOrigY);
            (matches.XB[i], matches.YB[i]) = (qx / _query.ToOrigX, qy / _query.ToOrigY);
        }
        var raster = PointRaster.FromObservations(map, mapMax.Width, mapMax.Height, 1 / mapMax.ToOrigX, 1 / mapMax.ToOrigY);
        var pairs = CoarseToFineWindows.SelectPairs(matches, (mapMax.Width, mapMax.Height), (_query.Width, _query.Height), _settings.ImageSize);

        foreach (var batch in pairs.Chunk(_settings.MaxBatch))
        {
            var crops = batch.Select(p => (Query: Cut(_query, p.Window2, null), Map: Cut(mapMax, p.Window1, raster))).ToList();
            var predictions = _predictor.Predict(crops.Select(x => (x.Query.Image, x.Map.Image)).ToList());
            for (int k = 0; k < crops.Count; k++)
            {
                var (q, m) = crops[k];
                var found = ReciprocalMatcher.Match(predictions[k].View2, predictions[k].View1, m.Raster!.ValidPixels(),
                    _settings.PixelTolerance, _settings.DescConfThreshold);
                foreach (var (mapIdx, qIdx) in found)
                {
                    var (x, y) = PixelMaps.Apply(q.ToOrig, qIdx % q.Image.Width, qIdx / q.Image.Width);
                    pixels.Add(x * _query.ToOrigX);
                    pixels.Add(y * _query.ToOrigY);
                    foreach (double v in m.Raster.Point(mapIdx)) points.Add(v);
                }
            }
        }
        return pairs.Count;
    }

    // The official crop(): a slice of the float image (to_orig = translation) or, with intrinsics, the
    // principal-point-centring warp (to_orig = H, applied to integer crop pixels as upstream; the oracle gets the exact
    // content map). The warp goes through 8 bits as upstream does: (255·(img + 1)/2) truncated, PIL bicubic, 2·u8/255 − 1.
    private Crop Cut(MaxSizeImage image, CropWindow w, PointRaster? raster)
    {
        double[] toOrig, content;
        NormalizedImage pixels;
        PointRaster? cropRaster;
        if (_settings.CropWithHomography)
        {
            toOrig = HomographyCrop.For(image.K.Fx, image.K.Fy, image.K.Cx, image.K.Cy, w.Left, w.Top, w.Right, w.Bottom);
            content = HomographyCrop.ContentMap(toOrig);
            var warped = PerspectiveWarp.Bicubic(image.TruncatedBytes, image.Width, image.Height, toOrig, w.Width, w.Height);
            pixels = NormalizedImage.FromVislocBytes(warped, w.Width, w.Height);
            cropRaster = raster?.Warp(toOrig, w.Width, w.Height);
        }
        else
        {
            toOrig = content = PixelMaps.Translation(w.Left, w.Top);
            pixels = image.Image.Crop(w.Left, w.Top, w.Width, w.Height);
            cropRaster = raster?.Crop(w);
        }
        var pre = pixels.ToPreprocessed(image.Source, PixelMaps.Multiply(image.ContentToSource, content));
        return new Crop(pre, toOrig, cropRaster);
    }
}

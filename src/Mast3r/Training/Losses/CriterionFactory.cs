using static TorchSharp.torch;

namespace Mast3r.Training.Losses;

/// <summary>
/// Builds a <see cref="Criterion"/> from the official <c>--train_criterion</c> string (upstream: <c>eval</c> of the
/// string in <c>train.py</c>). Defaults follow the released classes exactly — so the shortened string without
/// <c>mode=</c>/<c>confmode=</c> selects InfoNCE 'all' and confidence 'prod' (losses.md §1). Anything not ported
/// (other pixel losses, gt_scale, negatives padding, …) fails with a message naming the argument.
/// </summary>
internal static class CriterionFactory
{
    /// <summary>The released-checkpoint criterion (README training example).</summary>
    public const string Released =
        "ConfLoss(Regr3D(L21, norm_mode='?avg_dis'), alpha=0.2) + 0.075*ConfMatchingLoss(MatchingLoss(InfoNCE(mode='proper', temperature=0.05), negatives_padding=0, blocksize=8192), alpha=10.0, confmode='mean')";

    /// <summary>Parses and builds; <paramref name="warnings"/> collects tolerated deviations from upstream.</summary>
    public static Criterion Build(string text, List<string>? warnings = null, IPermutationSource? shuffle = null)
    {
        PyExpr expr;
        try
        {
            expr = PyExprParser.Parse(text);
        }
        catch (PyExprException e)
        {
            throw new TrainingConfigException($"criterion string does not parse: {e.Message}");
        }
        var ctx = new Context(warnings ?? new List<string>(), shuffle);
        return ctx.Criterion(expr);
    }

    private sealed record Context(List<string> Warnings, IPermutationSource? Shuffle)
    {
        public Criterion Criterion(PyExpr e) => e switch
        {
            PyBinary { Op: '+' } b => new SumCriterion(Criterion(b.Left), Criterion(b.Right)),
            PyBinary { Op: '-' } b => new SumCriterion(Criterion(b.Left), new WeightedCriterion(-1, Criterion(b.Right))),
            PyBinary { Op: '*' } b when IsNumber(b.Left) => new WeightedCriterion(Number(b.Left), Criterion(b.Right)),
            PyBinary { Op: '*' } b when IsNumber(b.Right) => new WeightedCriterion(Number(b.Right), Criterion(b.Left)),
            PyNegate n => new WeightedCriterion(-1, Criterion(n.Operand)),
            PyCall { Callee: "ConfLoss" } c => ConfLoss(c),
            PyCall { Callee: "ConfMatchingLoss" } c => ConfMatching(c),
            PyCall { Callee: "MatchingLoss" } c => Matching(c),
            PyCall { Callee: "Regr3D" } c => Regr3D(c),
            PyCall c => throw new TrainingConfigException($"criterion '{c.Callee}' is not ported (supported: ConfLoss, Regr3D, ConfMatchingLoss, MatchingLoss, InfoNCE, L21; sums and scalar weights)."),
            _ => throw new TrainingConfigException($"unexpected criterion expression at character {e.Position}."),
        };

        private static bool IsNumber(PyExpr e) => e is PyNumber || e is PyNegate { Operand: PyNumber };

        private static double Number(PyExpr e) => Convert.ToDouble(PyArgs.Eval(e), System.Globalization.CultureInfo.InvariantCulture);

        private ConfLoss ConfLoss(PyCall c)
        {
            // The README "Our Hyperparameters" line passes loss_in_log=False here; the released ConfLoss raises
            // TypeError on it. False is Regr3D's own default, so the loss is unambiguous: accept it, warn, refuse True.
            var kwargs = c.Kwargs.Where(k => k.Key != "loss_in_log").ToList();
            var logArg = c.Kwarg("loss_in_log");
            if (logArg != null)
            {
                if (PyArgs.Eval(logArg) is not false)
                    throw new TrainingConfigException("ConfLoss() got an unexpected keyword argument 'loss_in_log' (the released ConfLoss takes only pixel_loss and alpha).");
                Warnings.Add("ConfLoss(..., loss_in_log=False): the released ConfLoss rejects this argument (TypeError); ignored because False is already Regr3D's default.");
            }
            var a = PyArgs.Bind(c with { Kwargs = kwargs }, "pixel_loss", "alpha");
            var inner = Criterion(a.Required("pixel_loss"));
            if (inner is not Regr3D regr)
                throw new TrainingConfigException("ConfLoss(...) is only ported around Regr3D (use ConfMatchingLoss for matching).");
            return new ConfLoss(regr, a.Number("alpha", 1.0));
        }

        private Regr3D Regr3D(PyCall c)
        {
            var a = PyArgs.Bind(c, "criterion", "norm_mode", "gt_scale", "opt_fit_gt", "sky_loss_value", "max_metric_scale", "loss_in_log");
            if (a.Required("criterion") is not PyName { Name: "L21" })
                throw new TrainingConfigException("Regr3D(): only the L21 pixel criterion is ported.");
            string norm = a.String("norm_mode", "avg_dis") ?? throw new TrainingConfigException("Regr3D(): norm_mode=None is not ported.");
            if (norm.TrimStart('?') != "avg_dis")
                throw new TrainingConfigException($"Regr3D(): norm_mode '{norm}' is not ported (only 'avg_dis' and '?avg_dis').");
            foreach (var flag in new[] { "gt_scale", "opt_fit_gt", "max_metric_scale", "loss_in_log" })
                if (a.Truthy(flag, false)) throw new TrainingConfigException($"Regr3D(): {flag} other than False is not ported.");
            return new Regr3D(norm, a.Number("sky_loss_value", 2));
        }

        private ConfMatchingLoss ConfMatching(PyCall c)
        {
            var a = PyArgs.Bind(c, "pixel_loss", "alpha", "confmode", "neg_conf_loss_quantile");
            if (a.Truthy("neg_conf_loss_quantile", false))
                throw new TrainingConfigException("ConfMatchingLoss(): neg_conf_loss_quantile is not ported.");
            var inner = Criterion(a.Required("pixel_loss"));
            if (inner is not MatchingLoss m) throw new TrainingConfigException("ConfMatchingLoss(...) must wrap MatchingLoss(...).");
            string mode = a.String("confmode", "prod")!;
            if (mode is not ("prod" or "mean")) throw new TrainingConfigException($"ConfMatchingLoss(): unknown confmode '{mode}' (expected 'prod' or 'mean').");
            return new ConfMatchingLoss(m, a.Number("alpha", 1.0), mode);
        }

        private MatchingLoss Matching(PyCall c)
        {
            var a = PyArgs.Bind(c, "criterion", "withconf", "use_pts3d", "negatives_padding", "blocksize");
            if (a.Truthy("use_pts3d", false)) throw new TrainingConfigException("MatchingLoss(): use_pts3d is not ported.");
            if (a.Number("negatives_padding", 0) != 0) throw new TrainingConfigException("MatchingLoss(): negatives_padding other than 0 is not ported.");
            if (a.Required("criterion") is not PyCall { Callee: "InfoNCE" } info)
                throw new TrainingConfigException("MatchingLoss(): only the InfoNCE criterion is ported.");
            double block = a.Number("blocksize", 4096);
            if (block < 1 || block != Math.Floor(block)) throw new TrainingConfigException($"MatchingLoss(): blocksize must be a positive integer, got {block}.");
            return new MatchingLoss(InfoNce(info), (int)block, Shuffle);
        }

        private static InfoNce InfoNce(PyCall c)
        {
            var a = PyArgs.Bind(c, "temperature", "eps", "mode", "*reduction", "fp");
            string mode = a.String("mode", "all")!;
            if (mode is not ("all" or "proper" or "dual")) throw new TrainingConfigException($"InfoNCE(): unknown mode '{mode}' (expected 'all', 'proper' or 'dual').");
            if (a.Has("reduction")) throw new TrainingConfigException("InfoNCE(): reduction is set by MatchingLoss and cannot be given.");
            var fp = a.Has("fp") ? (a.Required("fp") as PyName)?.Name : "torch.float32";
            ScalarType precision = fp switch
            {
                "torch.float32" or "torch.float" => ScalarType.Float32,
                "torch.float64" or "torch.double" => ScalarType.Float64,
                "torch.float16" or "torch.half" => ScalarType.Float16,
                "torch.bfloat16" => ScalarType.BFloat16,
                _ => throw new TrainingConfigException($"InfoNCE(): fp must be a torch float dtype, got {fp}."),
            };
            return new InfoNce(a.Number("temperature", 0.07), mode, precision, a.Number("eps", 1e-8));
        }
    }
}

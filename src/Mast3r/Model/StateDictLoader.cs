using System.Text.RegularExpressions;
using Mast3r.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace Mast3r.Model;

/// <summary>
/// Strict load by name (the port policy of architecture-spec §2; upstream loads with strict=False). Every parameter
/// must be present with its exact shape and every checkpoint key must be used. The only tolerated extra keys are
/// the DPT aliases <c>…dpt.scratch.layer_rn.{j}.weight</c>, which must repeat <c>…layer{j+1}_rn.weight</c> (same
/// storage, or equal values); an alias may also stand in for a missing <c>layer{j+1}_rn</c> key.
/// </summary>
internal static partial class StateDictLoader
{
    public static void Load(Mast3rModel model, Checkpoint ck)
    {
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter, StringComparer.Ordinal);
        var ckKeys = new HashSet<string>(ck.Keys, StringComparer.Ordinal);
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in ck.Keys)
        {
            var alias = AliasRegex().Match(key);
            if (alias.Success)
            {
                string canonical = $"{alias.Groups[1].Value}layer{int.Parse(alias.Groups[2].Value) + 1}_rn.weight";
                if (!parameters.ContainsKey(canonical)) throw new CheckpointException(ck.Path, key, "unexpected key (alias of a parameter the model does not have)");
                if (ckKeys.Contains(canonical)) CheckAlias(ck, key, canonical);
                else sources[canonical] = key;
                continue;
            }
            if (!parameters.ContainsKey(key)) throw new CheckpointException(ck.Path, key, "unexpected key: the configured model has no such parameter");
            sources[key] = key;
        }
        var missing = parameters.Keys.Where(k => !sources.ContainsKey(k)).ToList();
        if (missing.Count > 0)
            throw new CheckpointException(ck.Path, missing[0], $"missing key ({missing.Count} missing in all: {string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? ", …" : "")})");
        using var noGrad = no_grad();
        foreach (var (name, param) in parameters)
        {
            string source = sources[name];
            var shape = ck.ShapeOf(source);
            if (!shape.SequenceEqual(param.shape))
                throw new CheckpointException(ck.Path, source, $"shape [{string.Join(",", shape)}] does not match the model's [{string.Join(",", param.shape)}]");
            using var value = ck.ToTensor(source);
            param.copy_(value);
        }
    }

    private static void CheckAlias(Checkpoint ck, string alias, string canonical)
    {
        if (ck.StorageKeyOf(alias) == ck.StorageKeyOf(canonical) && ck.ShapeOf(alias).SequenceEqual(ck.ShapeOf(canonical))) return;
        using var a = ck.ToTensor(alias);
        using var b = ck.ToTensor(canonical);
        if (!a.shape.SequenceEqual(b.shape) || !a.equal(b).item<bool>())
            throw new CheckpointException(ck.Path, alias, $"alias differs from {canonical}");
    }

    [GeneratedRegex(@"^(downstream_head[12]\.dpt\.scratch\.)layer_rn\.([0-3])\.weight$")]
    private static partial Regex AliasRegex();
}

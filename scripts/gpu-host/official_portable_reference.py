#!/usr/bin/env python3
"""Reference outputs of the OFFICIAL MASt3R implementation with the portable synthetic weights (scheme v1).

Fills every state-dict entry of the official full (or tiny) configuration with the values defined in the shared
reference portable-weights.md (our own numpy implementation of that documented scheme, self-checked against its
test vectors), runs the official model on the committed parity images pre0/pre1 (pair p0, direction d0, float32,
TF32 off) and writes the outputs sub-sampled like the tiny parity fixtures (rows/cols range(0, n, 5) + [n-1]).
The C# test Mast3r.Tests.Inference.FullPortableParityTests reads them from tests/Fixtures/parity/full_portable/.

It imports the official code through the shared material's official_reference.py (stubs, fallbacks, source
assembly); it contains none of the official code.

usage: official_portable_reference.py --reference_script PATH/official_reference.py --mast3r_src DIR
       [--dust3r_src DIR] [--croco_src DIR] --repo REPO_ROOT [--config full|tiny] [--device cpu|cuda]
"""
import argparse
import importlib.util
import json
import math
import os
import shutil
import tempfile

import numpy as np

FNV_BASIS, FNV_PRIME, GOLDEN = 0x811C9DC5, 0x01000193, 0x9E3779B9
CONFIGS = {
    'full': dict(enc_embed_dim=1024, enc_depth=24, enc_num_heads=16, dec_embed_dim=768, dec_depth=12, dec_num_heads=12),
    'tiny': dict(enc_embed_dim=64, enc_depth=4, enc_num_heads=4, dec_embed_dim=48, dec_depth=10, dec_num_heads=4),
}


def fnv1a32(text):
    h = FNV_BASIS
    for b in text.encode('utf-8'):
        h = ((h ^ b) * FNV_PRIME) & 0xFFFFFFFF
    return h


def canonical(name):
    marker = '.dpt.scratch.layer_rn.'
    if marker in name and name.endswith('.weight'):
        head, rest = name.split(marker, 1)
        return f'{head}.dpt.scratch.layer{int(rest[:-len(".weight")]) + 1}_rn.weight'
    return name


def matrix_scale(fan_in):
    a = 1.0
    while a * a * fan_in > 3.0:
        a *= 0.5
    while 4.0 * a * a * fan_in <= 3.0:
        a *= 2.0
    return a


def portable(name, shape):
    n = int(np.prod(shape))
    j = np.arange(n, dtype=np.uint64)
    x = (np.uint64(fnv1a32(canonical(name))) ^ ((j * np.uint64(GOLDEN)) & np.uint64(0xFFFFFFFF))).astype(np.uint64)
    m = np.uint64(0xFFFFFFFF)
    x ^= x >> np.uint64(16)
    x = (x * np.uint64(0x7FEB352D)) & m
    x ^= x >> np.uint64(15)
    x = (x * np.uint64(0x846CA68B)) & m
    x ^= x >> np.uint64(16)
    u = (x >> np.uint64(8)).astype(np.float64) * 2.0 ** -23 - 1.0
    if len(shape) >= 2:
        v = u * matrix_scale(n // shape[0])
    elif name.endswith('.weight'):
        v = 1.0 + u / 8.0
    else:
        v = u / 16.0
    return v.astype(np.float32).reshape(shape)


def self_check():
    """Two rows of the documented test-vector table; abort on any difference."""
    v = portable('enc_blocks.0.norm1.weight', (1024,))
    assert [float(t) for t in v[:2]] == [0.8992017507553101, 1.0043271780014038], v[:2]
    assert abs(float(v.astype(np.float64).sum()) - 1020.9249706864357) < 1e-6
    w = portable('downstream_head1.dpt.scratch.layer_rn.2.weight', (256, 384, 3, 3))
    assert float(w.reshape(-1)[0]) == 0.006694754585623741
    assert fnv1a32('mask_token') == 1587044695


def rows_cols(n):
    idx = list(range(0, n, 5))
    return idx if idx[-1] == n - 1 else idx + [n - 1]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--reference_script', required=True)
    ap.add_argument('--mast3r_src', required=True)
    ap.add_argument('--dust3r_src')
    ap.add_argument('--croco_src')
    ap.add_argument('--repo', required=True, help='Mast3r.Repro checkout (images in, fixtures out)')
    ap.add_argument('--config', default='full', choices=sorted(CONFIGS))
    ap.add_argument('--device', default='cpu')
    args = ap.parse_args()
    self_check()

    spec = importlib.util.spec_from_file_location('official_reference', args.reference_script)
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)
    ref.install_fallbacks()
    import torch
    ref.install_torch_compat(torch)
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    work = tempfile.mkdtemp(prefix='mast3r_portable_')
    try:
        ref.assemble_sources(os.path.abspath(args.mast3r_src), args.dust3r_src and os.path.abspath(args.dust3r_src),
                             args.croco_src and os.path.abspath(args.croco_src), work)
        import mast3r.utils.path_to_dust3r  # noqa: F401
        from mast3r.model import AsymmetricMASt3R, inf
        model_string = ref.model_string(**CONFIGS[args.config])
        net = eval(ref.loader_string(model_string), {'AsymmetricMASt3R': AsymmetricMASt3R, 'inf': inf})
        sd = {k: torch.from_numpy(portable(k, tuple(t.shape))) for k, t in net.state_dict().items()}
        net.load_state_dict(sd, strict=True)
        net = net.to(args.device).eval()

        imgs_dir = os.path.join(args.repo, 'tests', 'Fixtures', 'parity', 'images')
        views = []
        for k in (0, 1):
            u8 = np.load(os.path.join(imgs_dir, f'pre{k}_u8.npy'))
            img = torch.from_numpy((u8.astype(np.float32) / 255 - 0.5) / 0.5).permute(2, 0, 1)[None].contiguous()
            views.append(dict(img=img.to(args.device), true_shape=torch.tensor([u8.shape[:2]], dtype=torch.int32),
                              instance=[str(k)], idx=[k]))
        with torch.no_grad():
            res1, res2 = net(views[0], views[1])
        out_dir = os.path.join(args.repo, 'tests', 'Fixtures', 'parity', f'{args.config}_portable')
        os.makedirs(out_dir, exist_ok=True)
        files = {}
        for tag, res in (('v1', res1), ('v2', res2)):
            for key, value in res.items():
                a = value[0].detach().float().cpu().numpy()
                r, c = rows_cols(a.shape[0]), rows_cols(a.shape[1])
                name = f'out_p0_d0_{tag}_{key}_s5.npy'
                np.save(os.path.join(out_dir, name), np.ascontiguousarray(a[r][:, c]))
                files[name] = list(a[r][:, c].shape)
        with open(os.path.join(out_dir, 'manifest.json'), 'w') as f:
            json.dump(dict(model_string=model_string, device=args.device, torch=torch.__version__, tf32=False,
                           images=['pre0_u8.npy', 'pre1_u8.npy'], weights='portable scheme v1',
                           subsample='rows/cols range(0,n,5)+[n-1]', files=files), f, indent=1)
        print(f'wrote {len(files)} files to {out_dir}')
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    main()

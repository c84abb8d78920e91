#!/usr/bin/env python3
"""Buckets perf samples of two mast3r bench runs and prints the managed-overhead ratio of the extra calls (JSON).
usage: overhead_buckets.py A.samples B.samples B.json EXTRA_CALLS SIZE   (samples: `perf script -F pid,ip,dso`)"""
import bisect
import collections
import json
import os
import re
import sys

LIBTORCH = re.compile(r'lib(torch|c10|gomp|iomp|mkl|sleef|shm)')


def perf_map(pid):
    """Address ranges of the .NET JIT-compiled code of process pid (DOTNET_PerfMapEnabled=1)."""
    ranges = []
    path = f'/tmp/perf-{pid}.map'
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                start, size, _ = line.split(' ', 2)
                ranges.append((int(start, 16), int(size, 16)))
    ranges.sort()
    return [r[0] for r in ranges], ranges


def bucket_of(ip, dso, starts, ranges):
    name = os.path.basename(dso.strip('()'))
    if 'kernel.kallsyms' in name:
        return 'kernel'
    if LIBTORCH.search(name):
        return 'libtorch'
    if name.startswith('libLibTorchSharp'):
        return 'shim'
    if name.startswith(('libc.so', 'libm.so', 'ld-linux', 'libstdc++')):
        return 'libc'
    if name.startswith(('libcoreclr', 'libclrjit', 'libSystem.', 'libhost')) or name.endswith('.dll') or 'doublemapper' in name:
        return 'dotnet'
    i = bisect.bisect_right(starts, ip) - 1
    if i >= 0 and ip < ranges[i][0] + ranges[i][1]:
        return 'dotnet'
    if name.startswith(('[JIT]', 'perf-')) or name in ('[unknown]', '[anon]'):
        return 'libtorch_generated'  # oneDNN / MKL kernels generated at run time
    return 'other'


def count(path):
    counts = collections.Counter()
    maps = {}
    with open(path) as f:
        for line in f:
            parts = line.split(None, 2)
            if len(parts) < 3:
                continue
            pid, ip, dso = int(parts[0]), int(parts[1], 16), parts[2].strip()
            if pid not in maps:
                maps[pid] = perf_map(pid)
            counts[bucket_of(ip, dso, *maps[pid])] += 1
    return counts


a, b = count(sys.argv[1]), count(sys.argv[2])
with open(sys.argv[3]) as f:
    bench = json.load(f)
diff = {k: b[k] - a[k] for k in sorted(set(a) | set(b))}
total = sum(diff.values())
managed = diff.get('shim', 0) + diff.get('dotnet', 0)
native_strict = diff.get('libtorch', 0) + diff.get('libtorch_generated', 0)
print(json.dumps({
    'size': sys.argv[5], 'extra_calls': int(sys.argv[4]), 'sample_hz': 999,
    'forward_ms_median_wall': bench['ms_per_call_median'],
    'samples_of_extra_calls': diff,
    'cpu_seconds_per_call': total / 999 / int(sys.argv[4]),
    'ratio_total_over_native': total / (total - managed) if total > managed else None,
    'ratio_total_over_libtorch_only': total / native_strict if native_strict else None,
    'managed_share': managed / total if total else None,
}, indent=1))

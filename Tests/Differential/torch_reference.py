#!/usr/bin/env python3
"""Differential check of `lesson run … --json-compact` against PyTorch (float64).

For every lesson it draws seeded random cases (shapes, values with negatives and
decimals, strides, paddings, dilations, …), runs the built `lesson` binary, and
compares the numbers of the JSON (outputs and gradients) with torch to a relative
tolerance of 1e-9 (|a - b| <= 1e-9 * max(1, |b|)).

Run by hand (not by CI):  python3 Tests/Differential/torch_reference.py [--cases N]
    [--seed S] [--lesson ID ...] [--binary .build/debug/lesson] [--jobs 2]
Exits 0 when every case agrees, 1 on a mismatch, and 0 with a "skipped" line when
torch is not installed.
"""
import argparse
import json
import math
import os
import random
import re
import time
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

try:
    import torch
    import torch.nn.functional as F
except ImportError:  # the checker is optional: no torch, nothing to compare with
    print("torch_reference.py: skipped (torch is not installed)")
    sys.exit(0)

torch.set_default_dtype(torch.float64)
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RTOL = 1e-9
# Set by --saturate: a tenth of the network cases get output weights large enough to saturate
# softmax / sigmoid (probabilities that round to 0 or 1).
SATURATE = False


# ---------------------------------------------------------------- helpers

def num(rng, lo=-5, hi=5, decimals=None):
    """A random value with 0–3 decimals, negatives included, written exactly."""
    d = rng.choice([0, 1, 2, 3]) if decimals is None else decimals
    v = round(rng.uniform(lo, hi), d)
    return 0.0 if v == 0 else v


def fmt(v):
    s = repr(float(v))
    return s[:-2] if s.endswith(".0") else s


def matrix(rng, rows, cols, **kw):
    return [[num(rng, **kw) for _ in range(cols)] for _ in range(rows)]


def mat_text(m, sep=" "):
    return "; ".join(sep.join(fmt(v) for v in row) for row in m)


def vec_text(v):
    return " ".join(fmt(x) for x in v)


def T(x):
    return torch.tensor(x, dtype=torch.float64)


def tolist(t):
    return t.detach().tolist() if isinstance(t, torch.Tensor) else t


def compare(name, got, want, problems):
    """Appends to `problems` every number of `got` that is not `want` within RTOL."""
    want = tolist(want)
    if isinstance(want, (list, tuple)):
        if not isinstance(got, list) or len(got) != len(want):
            problems.append(f"{name}: shape {shape(got)} != torch {shape(want)}")
            return
        for i, (g, w) in enumerate(zip(got, want)):
            compare(f"{name}[{i}]", g, w, problems)
        return
    if isinstance(want, bool) or want is None:
        if got != want:
            problems.append(f"{name}: {got!r} != {want!r}")
        return
    if not isinstance(got, (int, float)) or isinstance(got, bool):
        problems.append(f"{name}: {got!r} is not a number (torch {want!r})")
        return
    if math.isnan(want) and isinstance(got, float) and math.isnan(got):
        return
    if abs(got - want) > RTOL * max(1.0, abs(want)):
        problems.append(f"{name}: lesson {got!r} torch {want!r}")


def shape(x):
    s = []
    while isinstance(x, list):
        s.append(len(x))
        x = x[0] if x else None
    return s


class Refused(Exception):
    """The lesson exited non-zero on an input torch accepts."""


def run_lesson(binary, lesson, args, stdin=None):
    cmd = [binary, "run", lesson, *args, "--no-figures", "--json-compact"]
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if p.returncode != 0:
        raise Refused(f"exit {p.returncode}: {' '.join(quote(a) for a in cmd)}\n    {p.stderr.strip()[:400]}")
    return json.loads(p.stdout)


def quote(a):
    return a if a and all(c.isalnum() or c in "-_.,=/@" for c in a) else "'" + a.replace("'", "'\\''") + "'"


def write_temp(tag, text):
    d = os.path.join(ROOT, ".build", "torchcheck")
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, f"{tag}-{os.getpid()}.yaml")
    with open(path, "w") as f:
        f.write(text)
    return path


def pair_text(p):
    return str(p[0]) if p[0] == p[1] else f"{p[0]},{p[1]}"


def pair(rng, lo, hi, square_bias=0.5):
    a = rng.randint(lo, hi)
    return (a, a) if rng.random() < square_bias else (a, rng.randint(lo, hi))


# ---------------------------------------------------------------- convolution

def same_pads(n, k, s, d):
    """Keras / TensorFlow / JAX 'SAME' on one axis, as (before, after): ⌈n/s⌉ outputs, the padding
    max((⌈n/s⌉ − 1)·s + d(k − 1) + 1 − n, 0) split with the extra zero after. PyTorch's
    padding='same' is the same rule where it is defined (stride 1); it refuses a stride."""
    total = max((-(-n // s) - 1) * s + d * (k - 1) + 1 - n, 0)
    return total // 2, total - total // 2


def padded(x, pads):
    """`x` (…, H, W) with ((top, bottom), (left, right)) zeros; F.conv2d then pads nothing."""
    (top, bottom), (left, right) = pads
    return F.pad(x, (left, right, top, bottom))


def conv_case(rng, allow_named=True):
    """A random 2-D convolution: input, kernel, stride, padding (number or name), dilation.
    `pad` is the padding before each axis (the JSON's `padding`); `pads` both sides of each."""
    kh, kw = rng.randint(1, 4), rng.randint(1, 4)
    dil = pair(rng, 1, 3) if rng.random() < 0.4 else (1, 1)
    stride = pair(rng, 1, 3) if rng.random() < 0.6 else (1, 1)
    named = None
    if allow_named and rng.random() < 0.35:
        named = rng.choice(["same", "valid", "full"])
    ekh, ekw = dil[0] * (kh - 1) + 1, dil[1] * (kw - 1) + 1
    if named == "same":
        h, w = rng.randint(1, 8), rng.randint(1, 8)
        pads = (same_pads(h, kh, stride[0], dil[0]), same_pads(w, kw, stride[1], dil[1]))
    else:
        if named == "valid":
            pad = (0, 0)
        elif named == "full":
            pad = (ekh - 1, ekw - 1)
        else:
            pad = pair(rng, 0, 2) if rng.random() < 0.6 else (0, 0)
        h = rng.randint(max(1, ekh - 2 * pad[0]), max(1, ekh - 2 * pad[0]) + 5)
        w = rng.randint(max(1, ekw - 2 * pad[1]), max(1, ekw - 2 * pad[1]) + 5)
        pads = ((pad[0], pad[0]), (pad[1], pad[1]))
    x, k = matrix(rng, h, w), matrix(rng, kh, kw)
    return x, k, stride, pads, dil, named


def compare_padding(got, pads, problems):
    """The JSON's `padding` (before) and `extra_padding` (after − before, where any) per axis."""
    compare("padding", got["padding"], [p[0] for p in pads], problems)
    compare("extra_padding", got.get("extra_padding", [0] * len(pads)), [p[1] - p[0] for p in pads], problems)


def window_args(rng, stride, pads, dil, named):
    # Every option is given: a lesson's example may have another stride or dilation.
    return ["--stride", pair_text(stride), "--padding", named if named else pair_text([p[0] for p in pads]),
            "--dilation", pair_text(dil)]


def check_conv2d(rng, binary):
    x, k, stride, pads, dil, named = conv_case(rng)
    bias = num(rng) if rng.random() < 0.6 else None
    flip = rng.random() < 0.3
    args = ["--input", mat_text(x, sep=rng.choice([" ", ","])), "--kernel", mat_text(k)]
    args += window_args(rng, stride, pads, dil, named)
    if bias is not None:
        args += ["--bias", fmt(bias)]
    if flip:
        args += ["--flip"]
    got = run_lesson(binary, "conv2d", args)
    kt = T(k).flip([0, 1]) if flip else T(k)
    want = F.conv2d(padded(T(x)[None, None], pads), kt[None, None], T([bias or 0.0]), stride=stride, dilation=dil)[0, 0]
    problems = []
    compare("output", got["output"], want, problems)
    compare("applied_kernel", got["applied_kernel"], kt, problems)
    compare_padding(got, pads, problems)
    for s in got["steps"]:
        compare(f"steps[{s['label']}].value", s["value"], want[s["row"], s["column"]].item(), problems)
    return args, problems


def check_conv2d_backward(rng, binary):
    x, k, stride, pads, dil, named = conv_case(rng)
    bias = num(rng) if rng.random() < 0.5 else 0.0
    flip = rng.random() < 0.25
    xt, kt0 = T(x).requires_grad_(), T(k).requires_grad_()
    bt = T([bias]).requires_grad_()
    kt = kt0.flip([0, 1]) if flip else kt0
    out = F.conv2d(padded(xt[None, None], pads), kt[None, None], bt, stride=stride, dilation=dil)[0, 0]
    g = matrix(rng, out.shape[0], out.shape[1])
    out.backward(T(g))
    args = ["--input", mat_text(x), "--kernel", mat_text(k), "--grad", mat_text(g), "--bias", fmt(bias)]
    args += window_args(rng, stride, pads, dil, named)
    if flip:
        args += ["--flip"]
    got = run_lesson(binary, "conv2d-backward", args)
    problems = []
    compare("output", got["output"], out, problems)
    compare("grad_input", got["grad_input"], xt.grad, problems)
    compare("grad_kernel", got["grad_kernel"], kt0.grad, problems)
    compare("grad_bias", got["grad_bias"], bt.grad[0].item(), problems)
    return args, problems


def check_conv1d(rng, binary):
    k = rng.randint(1, 5)
    dil = rng.randint(1, 3) if rng.random() < 0.4 else 1
    stride = rng.randint(1, 3) if rng.random() < 0.5 else 1
    ek = dil * (k - 1) + 1
    named = rng.choice([None, None, "same", "valid", "full"])
    if named == "same":
        n = rng.randint(1, 10)
        pads = same_pads(n, k, stride, dil)
    else:
        pad = {"valid": 0, "full": ek - 1}.get(named, rng.randint(0, 3))
        n = rng.randint(max(1, ek - 2 * pad), max(1, ek - 2 * pad) + 8)
        pads = (pad, pad)
    pad = pads[0]
    x, w = [num(rng) for _ in range(n)], [num(rng) for _ in range(k)]
    bias = num(rng) if rng.random() < 0.5 else 0.0
    flip = rng.random() < 0.3
    args = ["--input", vec_text(x), "--kernel", vec_text(w), "--bias", fmt(bias),
            "--padding", named or str(pad), "--stride", str(stride), "--dilation", str(dil)]
    if flip:
        args += ["--flip"]
    got = run_lesson(binary, "conv1d", args)
    wt = T(w).flip([0]) if flip else T(w)
    want = F.conv1d(F.pad(T(x)[None, None], pads), wt[None, None], T([bias]), stride=stride, dilation=dil)[0, 0]
    problems = []
    compare("output", got["output"], want, problems)
    compare("padding", got["padding"], pads[0], problems)
    compare("extra_padding", got.get("extra_padding", 0), pads[1] - pads[0], problems)
    return args, problems


def check_conv_transpose(rng, binary):
    kh, kw = rng.randint(1, 4), rng.randint(1, 4)
    stride = pair(rng, 1, 3)
    dil = pair(rng, 1, 2) if rng.random() < 0.3 else (1, 1)
    ekh, ekw = dil[0] * (kh - 1) + 1, dil[1] * (kw - 1) + 1
    pad = (rng.randint(0, ekh - 1), rng.randint(0, ekw - 1)) if rng.random() < 0.6 else (0, 0)
    op = (rng.randint(0, max(stride[0], dil[0]) - 1), rng.randint(0, max(stride[1], dil[1]) - 1)) \
        if rng.random() < 0.5 else (0, 0)
    h, w = rng.randint(1, 4), rng.randint(1, 4)
    out_h = (h - 1) * stride[0] - 2 * pad[0] + ekh + op[0]
    out_w = (w - 1) * stride[1] - 2 * pad[1] + ekw + op[1]
    if out_h < 1 or out_w < 1:
        pad = (0, 0)
    x, k = matrix(rng, h, w), matrix(rng, kh, kw)
    args = ["--input", mat_text(x), "--kernel", mat_text(k), "--stride", pair_text(stride),
            "--padding", pair_text(pad)]
    args += ["--output-padding", pair_text(op), "--dilation", pair_text(dil)]
    got = run_lesson(binary, "conv-transpose", args)
    want = F.conv_transpose2d(T(x)[None, None], T(k)[None, None], stride=stride, padding=pad,
                              output_padding=op, dilation=dil)[0, 0]
    problems = []
    compare("output", got["output"], want, problems)
    return args, problems


def channels_text(chans):
    return " | ".join(mat_text(c) for c in chans)


def check_conv_channels(rng, binary):
    c, kcount = rng.randint(1, 3), rng.randint(1, 3)
    x, k, stride, pads, dil, named = conv_case(rng)
    h, w = len(x), len(x[0])
    kh, kw = len(k), len(k[0])
    xs = [matrix(rng, h, w) for _ in range(c)]
    fs = [[matrix(rng, kh, kw) for _ in range(c)] for _ in range(kcount)]
    bs = [num(rng) for _ in range(kcount)]
    args = ["--input", channels_text(xs)]
    for f in fs:
        args += ["--filter", channels_text(f)]
    args += ["--biases", vec_text(bs)]
    args += window_args(rng, stride, pads, dil, named)
    got = run_lesson(binary, "conv-channels", args)
    want = F.conv2d(padded(T(xs)[None], pads), T(fs), T(bs), stride=stride, dilation=dil)[0]
    problems = []
    compare("output.shape", got["output"]["shape"], list(want.shape), problems)
    compare("output.scalars", got["output"]["scalars"], want.flatten(), problems)
    return args, problems


def check_separable(rng, binary):
    # The depthwise kernels and the input are the example's; pointwise, bias, padding and stride vary.
    base = run_lesson(binary, "separable", [])["layer"]
    c = base["input"]["shape"][0]
    kcount = rng.randint(1, 4)
    pw = matrix(rng, kcount, c)
    bs = [num(rng) for _ in range(kcount)]
    kh, kw = len(base["depthwise"][0]["kernel"]), len(base["depthwise"][0]["kernel"][0])
    pad = (rng.randint(0, kh // 2), rng.randint(0, kw // 2))
    stride = pair(rng, 1, 3)
    same = rng.random() < 0.3  # Keras SeparableConv2D(padding='same'): F.pad by the 'SAME' rule, then no padding
    args = ["--pointwise", mat_text(pw), "--bias", vec_text(bs), "--padding", "same" if same else pair_text(pad),
            "--stride", pair_text(stride)]
    got = run_lesson(binary, "separable", args)["layer"]
    x = T(got["input"]["scalars"]).reshape(got["input"]["shape"])
    dk = T([d["kernel"] for d in got["depthwise"]])[:, None]
    dbias = T([d["bias"] for d in got["depthwise"]])
    if same:
        pads = [same_pads(x.shape[1], kh, stride[0], 1), same_pads(x.shape[2], kw, stride[1], 1)]
        depth = F.conv2d(padded(x[None], pads), dk, dbias, stride=stride, groups=c)
    else:
        depth = F.conv2d(x[None], dk, dbias, stride=stride, padding=pad, groups=c)
    want = F.conv2d(depth, T(pw)[:, :, None, None], T(bs))[0]
    problems = []
    compare("depthwise_output", got["depthwise_output"]["scalars"], depth[0].flatten(), problems)
    compare("output.shape", got["output"]["shape"], list(want.shape), problems)
    compare("output.scalars", got["output"]["scalars"], want.flatten(), problems)
    return args, problems


def check_conv_arithmetic(rng, binary):
    n = pair(rng, 1, 12)
    k = rng.randint(1, 5)
    s = rng.randint(1, 3)
    d = rng.randint(1, 3) if rng.random() < 0.4 else 1
    ek = d * (k - 1) + 1
    named = rng.choice([None, None, None, "valid", "full", "same"])
    # This lesson pads both sides alike: its "same" is conv_arithmetic's half padding d(k − 1)/2 at
    # any stride (it refuses an even kernel and names Keras' stride-aware rule beside it).
    if named == "same" and k % 2 == 0:
        k += 1
        ek = d * (k - 1) + 1
    p = {"same": d * (k - 1) // 2, "valid": 0, "full": ek - 1}.get(named, rng.randint(0, 3))
    if min(n) + 2 * p < ek:
        n = (ek, ek + n[1] - n[0] if n[1] + 2 * p >= ek else ek)
    args = ["--input-size", pair_text(n), "--kernel-size", str(k), "--stride", str(s), "--padding", named or str(p),
            "--dilation", str(d)]
    got = run_lesson(binary, "conv-arithmetic", args)
    out = F.conv2d(torch.zeros(1, 1, *n), torch.zeros(1, 1, k, k), stride=s, padding=p, dilation=d)
    problems = []
    compare("output_shape", got["output_shape"], list(out.shape[2:]), problems)
    for axis, size in zip(got["arithmetic"]["axes"], out.shape[2:]):
        compare("window_starts", len(axis["window_starts"]), size, problems)
    return args, problems


def check_conv2d_same_keras(rng, binary):
    """`--padding same` against Keras / TensorFlow / JAX 'SAME' (jax.lax.conv_general_dilated), any stride,
    odd and even kernels: the padding is split with the extra zero after, and with a stride it is
    max((⌈n/s⌉ − 1)·s + d(k − 1) + 1 − n, 0) in total. Not in the default list (see README)."""
    import jax
    jax.config.update("jax_enable_x64", True)
    kh, kw = rng.randint(1, 4), rng.randint(1, 4)
    stride = pair(rng, 1, 3)
    dil = pair(rng, 1, 2) if rng.random() < 0.3 else (1, 1)
    h, w = rng.randint(1, 8), rng.randint(1, 8)
    x, k = matrix(rng, h, w), matrix(rng, kh, kw)
    args = ["--input", mat_text(x), "--kernel", mat_text(k), "--stride", pair_text(stride), "--padding", "same",
            "--dilation", pair_text(dil)]
    got = run_lesson(binary, "conv2d", args)
    want = jax.lax.conv_general_dilated(jax.numpy.array(x)[None, None], jax.numpy.array(k)[None, None], stride, "SAME",
                                        rhs_dilation=dil)[0, 0]
    problems = []
    compare("output", got["output"], [[float(v) for v in row] for row in want.tolist()], problems)
    return args, problems


def check_pooling_same_keras(rng, binary):
    """`lesson run pooling --padding same` against JAX's 'SAME' window reduction (jax.lax.reduce_window,
    the rule Keras' MaxPooling2D and AveragePooling2D use): max over −∞ padding, min over +∞, and the
    average as the window's sum over its count of input cells. Not in the default list (needs jax)."""
    import jax
    jax.config.update("jax_enable_x64", True)
    op = rng.choice(["max", "avg", "min"])
    size, stride = pair(rng, 1, 4), pair(rng, 1, 3)
    h, w = rng.randint(1, 9), rng.randint(1, 9)
    x = matrix(rng, h, w, lo=-3, hi=3)
    args = ["--input", mat_text(x), "--op", op, "--size", pair_text(size), "--stride", pair_text(stride), "--padding", "same"]
    got = run_lesson(binary, "pooling", args)
    xj = jax.numpy.array(x)
    def window(v, init, fn):
        return jax.lax.reduce_window(v, init, fn, size, stride, "SAME")
    if op == "max":
        want = window(xj, -jax.numpy.inf, jax.lax.max)
    elif op == "min":
        want = window(xj, jax.numpy.inf, jax.lax.min)
    else:
        want = window(xj, 0.0, jax.lax.add) / window(jax.numpy.ones_like(xj), 0.0, jax.lax.add)
    problems = []
    compare("output", got["output"], [[float(v) for v in row] for row in want.tolist()], problems)
    return args, problems


# ---------------------------------------------------------------- pooling

def torch_pool(x, op, size, stride, pad, include_pad, ceil=False):
    if op == "max":
        return F.max_pool2d(x, size, stride, pad, ceil_mode=ceil)
    if op == "min":
        return -F.max_pool2d(-x, size, stride, pad, ceil_mode=ceil)
    return F.avg_pool2d(x, size, stride, pad, ceil_mode=ceil, count_include_pad=include_pad)


def keras_same_pool(x, op, size, stride):
    """Keras MaxPooling2D / AveragePooling2D with padding='same': the input padded by the 'SAME'
    rule (extra cell after), padding −∞ for max (+∞ for min) and, for the average, left out of
    the divisor (the window's sum over its input cells, divided by their count)."""
    pads = [same_pads(x.shape[-2], size[0], stride[0], 1), same_pads(x.shape[-1], size[1], stride[1], 1)]
    (top, bottom), (left, right) = pads
    if op == "max":
        return F.max_pool2d(F.pad(x, (left, right, top, bottom), value=-math.inf), size, stride)
    if op == "min":
        return -F.max_pool2d(F.pad(-x, (left, right, top, bottom), value=-math.inf), size, stride)
    total = F.avg_pool2d(padded(x, pads), size, stride)
    count = F.avg_pool2d(padded(torch.ones_like(x), pads), size, stride)
    return total / count


def check_pooling(rng, binary):
    op = rng.choice(["max", "avg", "min"])
    size = pair(rng, 1, 4)
    stride = pair(rng, 1, 3) if rng.random() < 0.6 else None
    pad = (rng.randint(0, size[0] // 2), rng.randint(0, size[1] // 2)) if rng.random() < 0.5 else (0, 0)
    s = stride or size
    h = rng.randint(max(1, size[0] - 2 * pad[0]), max(1, size[0] - 2 * pad[0]) + 6)
    w = rng.randint(max(1, size[1] - 2 * pad[1]), max(1, size[1] - 2 * pad[1]) + 6)
    # Small integers make ties common: where the gradient goes on a tie is checked too.
    x = matrix(rng, h, w, lo=-3, hi=3, decimals=0 if rng.random() < 0.5 else None)
    exclude = op == "avg" and rng.random() < 0.5
    glob = rng.random() < 0.08
    same = not glob and rng.random() < 0.25
    ceil = not glob and not same and rng.random() < 0.3
    args = ["--input", mat_text(x), "--op", op]
    if glob:
        args += ["--global"]
        size, s, pad = (h, w), (h, w), (0, 0)
    else:
        args += ["--size", pair_text(size), "--padding", "same" if same else pair_text(pad)]
        if ceil:
            args += ["--ceil-mode"]
        if stride:  # without --stride the stride is the window size, as in torch
            args += ["--stride", pair_text(stride)]
    if exclude:
        args += ["--exclude-padding"]
    xt = T(x).requires_grad_()
    if same:
        out = keras_same_pool(xt[None, None], op, size, s)[0, 0]
    else:
        out = torch_pool(xt[None, None], op, size, s, pad, not exclude, ceil)[0, 0]
    backward = rng.random() < 0.6
    if backward:
        g = matrix(rng, out.shape[0], out.shape[1])
        out.backward(T(g))
        args += ["--grad", mat_text(g)]
    got = run_lesson(binary, "pooling", args)
    problems = []
    compare("output", got["output"], out, problems)
    if backward:
        compare("backward.gradient", got["backward"]["gradient"], xt.grad, problems)
    return args, problems





# ---------------------------------------------------------------- networks

ACTS = {
    "sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu, "softplus": F.softplus,
    "linear": lambda z: z, "softmax": lambda z: torch.softmax(z, 0),
}


def yaml_list(v):
    return "[" + ", ".join(yaml_list(x) if isinstance(x, list) else fmt(x) for x in v) + "]"


def loss_of(name, a, y, z=None, act=None):
    """The lesson's losses on one example (Loss.swift): mse ½Σ(a−y)², sse Σ(a−y)², BCE and CE summed.

    After a sigmoid (BCE) or a softmax (CE) the loss is taken from the logits z, as
    `BCEWithLogitsLoss` and `CrossEntropyLoss` do: exact where an output saturates, where
    `BCELoss` would clamp each log at −100."""
    if name == "binary-cross-entropy" and act == "sigmoid":
        return F.binary_cross_entropy_with_logits(z, y, reduction="sum")
    if name == "cross-entropy" and act == "softmax":
        return -(y * torch.log_softmax(z, 0)).sum()
    if name == "mse":
        return 0.5 * ((a - y) ** 2).sum()
    if name == "sse":
        return ((a - y) ** 2).sum()
    if name == "binary-cross-entropy":
        return F.binary_cross_entropy(a, y, reduction="sum")
    return -(y * torch.log(a)).sum()


def random_network(rng):
    sizes = [rng.randint(1, 4) for _ in range(rng.randint(2, 4))]
    loss = rng.choice(["mse", "sse", "binary-cross-entropy", "cross-entropy"])
    last = {"binary-cross-entropy": "sigmoid", "cross-entropy": rng.choice(["softmax", "softmax", "sigmoid"])}.get(
        loss, rng.choice(["linear", "tanh", "sigmoid", "relu", "softplus"]))
    if loss == "cross-entropy" and last == "softmax" and sizes[-1] == 1:
        sizes[-1] = rng.randint(2, 4)
    layers = []
    for i in range(1, len(sizes)):
        act = last if i == len(sizes) - 1 else rng.choice(["sigmoid", "tanh", "relu", "softplus", "linear"])
        layers.append((matrix(rng, sizes[i], sizes[i - 1], lo=-1.5, hi=1.5), [num(rng, -1, 1) for _ in range(sizes[i])], act))
    x = [num(rng, -2, 2) for _ in range(sizes[0])]
    if SATURATE and rng.random() < 0.1:
        w, b, act = layers[-1]
        layers[-1] = ([[v * 400 for v in row] for row in w], b, act)
    if loss == "cross-entropy" and last == "softmax":
        y = [0.0] * sizes[-1]
        y[rng.randrange(sizes[-1])] = 1.0
    elif loss == "cross-entropy":  # the lesson asks for probabilities adding up to 1
        y = [float(i) for i in range(1, sizes[-1] + 1)]
        y = [v / sum(y) for v in y]
        rng.shuffle(y)
    elif loss == "binary-cross-entropy":
        y = [rng.choice([0.0, 1.0, num(rng, 0, 1, 2)]) for _ in range(sizes[-1])]
    else:
        y = [num(rng, -2, 2) for _ in range(sizes[-1])]
    l2 = rng.choice([0.0, 0.0, num(rng, 0, 0.5, 2)])
    return x, y, loss, l2, layers


def network_yaml(x, y, loss, l2, layers):
    lines = ["network:", f"  input: {yaml_list(x)}", f"  target: {yaml_list(y)}", f"  loss: {loss}", f"  l2: {fmt(l2)}", "  layers:"]
    for w, b, act in layers:
        lines += [f"    - weights: {yaml_list(w)}", f"      bias: {yaml_list(b)}", f"      activation: {act}"]
    return "\n".join(lines) + "\n"


def torch_network(x, y, loss, l2, layers):
    ws = [T(w).requires_grad_() for w, _, _ in layers]
    bs = [T(b).requires_grad_() for _, b, _ in layers]
    a, zs, acts = T(x), [], []
    for w, b, (_, _, act) in zip(ws, bs, layers):
        z = w @ a + b
        a = ACTS[act](z)
        zs.append(z)
        acts.append(a)
    total = loss_of(loss, a, T(y), zs[-1], layers[-1][2]) + l2 / 2 * sum((w ** 2).sum() for w in ws)
    total.backward()
    return ws, bs, zs, acts, total


def check_network(lesson):
    def check(rng, binary):
        x, y, loss, l2, layers = random_network(rng)
        path = write_temp(f"{lesson}-{rng.random()}", network_yaml(x, y, loss, l2, layers))
        lr = num(rng, 0.01, 1, 2)
        args = ["--network", path] + (["--learning-rate", fmt(lr)] if lesson == "backprop" else [])
        try:
            got = run_lesson(binary, lesson, args)
        finally:
            os.remove(path)
        ws, bs, zs, acts, total = torch_network(x, y, loss, l2, layers)
        problems = []
        compare("loss", got["loss"], total.item(), problems)
        compare("output", got["output"], acts[-1], problems)
        for i, layer in enumerate(got["layers"]):
            compare(f"layers[{i}].z", layer["z"], zs[i], problems)
            compare(f"layers[{i}].a", layer["a"], acts[i], problems)
            if lesson == "backprop":
                compare(f"layers[{i}].grad_weights", layer["grad_weights"], ws[i].grad, problems)
                compare(f"layers[{i}].grad_bias", layer["grad_bias"], bs[i].grad, problems)
        if lesson == "backprop":
            after = got["update"]["after"]["layers"]
            for i in range(len(ws)):
                compare(f"update.after[{i}].weights", after[i]["weights"], ws[i] - lr * ws[i].grad, problems)
                compare(f"update.after[{i}].bias", after[i]["bias"], bs[i] - lr * bs[i].grad, problems)
        return ["--network", "<" + network_yaml(x, y, loss, l2, layers).replace("\n", " | ") + ">"] + args[2:], problems
    return check


def check_cnn(rng, binary):
    # The example's image and network with another image, target, dense weights and learning rate.
    base = run_lesson(binary, "cnn", [])
    net = base["network"]
    h, w = base["shapes"]["image"]
    classes, flat = base["shapes"]["classes"], base["shapes"]["flattened"]
    image = matrix(rng, h, w, lo=-3, hi=3)
    target = [0.0] * classes
    target[rng.randrange(classes)] = 1.0
    dw, db = matrix(rng, classes, flat, lo=-0.5, hi=0.5), [num(rng, -0.5, 0.5) for _ in range(classes)]
    if SATURATE and rng.random() < 0.1:
        dw = [[v * 400 for v in row] for row in dw]
    lr = num(rng, 0.01, 0.5, 2)
    args = ["--image", mat_text(image), "--target", vec_text(target), "--dense-weights", mat_text(dw),
            "--dense-bias", vec_text(db), "--learning-rate", fmt(lr)]
    got = run_lesson(binary, "cnn", args)
    filters = T(net["filters"]).requires_grad_()
    biases = T(net["biases"]).requires_grad_()
    dwt, dbt = T(dw).requires_grad_(), T(db).requires_grad_()
    img = T(image).requires_grad_()
    maps = F.conv2d(img[None, None], filters[:, None], biases, stride=net["stride"], padding=net["padding"])[0]
    act = torch.relu(maps)
    pooled = F.max_pool2d(act[None], net["pool_size"], net["pool_stride"])[0]
    logits = dwt @ pooled.flatten() + dbt
    loss = F.cross_entropy(logits[None], T(target)[None])
    loss.backward()
    problems = []
    fw, bw = got["forward"], got["backward"]
    compare("feature_maps", fw["feature_maps"], maps, problems)
    compare("pooled", fw["pooled"], pooled, problems)
    compare("logits", fw["logits"], logits, problems)
    compare("loss", fw["loss"], loss.item(), problems)
    compare("grad_filters", bw["grad_filters"], filters.grad, problems)
    compare("grad_biases", bw["grad_biases"], biases.grad, problems)
    compare("grad_dense_weights", bw["grad_dense_weights"], dwt.grad, problems)
    compare("grad_dense_bias", bw["grad_dense_bias"], dbt.grad, problems)
    compare("grad_image", bw["grad_image"], img.grad, problems)
    compare("update.filters", got["update"]["filters"], filters - lr * filters.grad, problems)
    return args, problems


# ---------------------------------------------------------------- recurrent

def rnn_case(rng):
    n, h, o, steps = rng.randint(1, 3), rng.randint(1, 3), rng.randint(1, 3), rng.randint(1, 5)
    hidden = rng.choice(["tanh", "tanh", "relu"])
    out_act, loss = rng.choice([("sigmoid", "binary-cross-entropy"), ("linear", "mse"), ("tanh", "mse"),
                                ("softmax", "cross-entropy"), ("sigmoid", "mse")])
    if out_act == "softmax" and o == 1:
        o = 2
    net = {"U": matrix(rng, h, n, lo=-1, hi=1), "W": matrix(rng, h, h, lo=-1, hi=1), "V": matrix(rng, o, h, lo=-1, hi=1),
           "b": [num(rng, -0.5, 0.5) for _ in range(h)], "c": [num(rng, -0.5, 0.5) for _ in range(o)],
           "inputs": matrix(rng, steps, n, lo=-1.5, hi=1.5)}
    if SATURATE and rng.random() < 0.1:
        net["V"] = [[v * 900 for v in row] for row in net["V"]]

    def target():
        if out_act == "softmax":
            t = [0.0] * o
            t[rng.randrange(o)] = 1.0
            return t
        if loss == "binary-cross-entropy":
            return [rng.choice([0.0, 1.0, num(rng, 0, 1, 2)]) for _ in range(o)]
        return [num(rng, -1, 1) for _ in range(o)]
    many = rng.random() < 0.5
    targets = [target() for _ in range(steps)] if many else target()
    return net, hidden, out_act, loss, many, targets


def rnn_yaml(net, hidden, out_act, loss, many, targets):
    lines = ["network:"] + [f"  {k}: {yaml_list(v)}" for k, v in net.items()]
    lines += [f"  hidden_activation: {hidden}", f"  output_activation: {out_act}", f"  loss: {loss}",
              f"  {'targets' if many else 'target'}: {yaml_list(targets)}"]
    return "\n".join(lines) + "\n"


def check_rnn(rng, binary):
    net, hidden, out_act, loss, many, targets = rnn_case(rng)
    steps = len(net["inputs"])
    truncate = rng.choice([None, None, 1, 2, 3])
    lr = num(rng, 0.01, 1, 2)
    text = rnn_yaml(net, hidden, out_act, loss, many, targets)
    path = write_temp(f"rnn-{rng.random()}", text)
    args = ["--network", path, "--learning-rate", fmt(lr)] + (["--truncate", str(truncate)] if truncate else [])
    try:
        got = run_lesson(binary, "rnn", args)
    finally:
        os.remove(path)
    # torch.nn.RNN: h_t = act(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh) with W_ih = U, W_hh = W, b_ih = b, b_hh = 0.
    cell = torch.nn.RNN(len(net["U"][0]), len(net["U"]), nonlinearity=hidden, dtype=torch.float64)
    with torch.no_grad():
        cell.weight_ih_l0.copy_(T(net["U"]))
        cell.weight_hh_l0.copy_(T(net["W"]))
        cell.bias_ih_l0.copy_(T(net["b"]))
        cell.bias_hh_l0.zero_()
    V, c = T(net["V"]).requires_grad_(), T(net["c"]).requires_grad_()
    xs = T(net["inputs"])
    states, _ = cell(xs)
    logits = [V @ s + c for s in states]
    outs = [ACTS[out_act](q) for q in logits]
    terms = list(range(steps)) if many else [steps - 1]
    tgt = (lambda t: T(targets[t])) if many else (lambda t: T(targets))
    total = sum(loss_of(loss, outs[t], tgt(t), logits[t], out_act) for t in terms)
    problems = []
    compare("states", got["states"], states, problems)
    compare("outputs", got["outputs"], torch.stack(outs), problems)
    compare("loss", got["loss"], total.item(), problems)
    if truncate:
        # Each term τ backpropagates through s⁽τ⁾ … s⁽τ−K+1⁾: s⁽τ−K⁾ is held constant (detached).
        objective = 0
        for t in terms:
            start = max(t - truncate, -1)
            h0 = states[start].detach()[None] if start >= 0 else torch.zeros(1, len(net["U"]))
            seg, _ = cell(xs[start + 1:t + 1], h0)
            q = V @ seg[-1] + c
            objective = objective + loss_of(loss, ACTS[out_act](q), tgt(t), q, out_act)
        objective.backward()
    else:
        total.backward()
    grads = {"grad_U": cell.weight_ih_l0.grad, "grad_W": cell.weight_hh_l0.grad, "grad_b": cell.bias_ih_l0.grad,
             "grad_V": V.grad, "grad_c": c.grad}
    for key, want in grads.items():
        compare(key, got[key], want, problems)
    return ["--network", "<" + text.replace("\n", " | ") + ">"] + args[2:], problems


def check_lstm(rng, binary):
    n, h, steps = rng.randint(1, 3), rng.randint(1, 3), rng.randint(1, 5)
    p = {}
    for g in ["W_f", "W_i", "W_s", "W_o"]:
        p[g] = matrix(rng, h, h + n, lo=-1, hi=1)
    for g in ["b_f", "b_i", "b_s", "b_o"]:
        p[g] = [num(rng, -1, 1) for _ in range(h)]
    inputs = matrix(rng, steps, n, lo=-1.5, hi=1.5)
    many = rng.random() < 0.5
    targets = matrix(rng, steps, h, lo=-1, hi=1) if many else [num(rng, -1, 1) for _ in range(h)]
    initial = [num(rng, -1, 1) for _ in range(h)] if rng.random() < 0.3 else None
    truncate = rng.choice([None, None, 1, 2, 3])
    lr = num(rng, 0.01, 1, 2)
    text = "network:\n" + "".join(f"  {k}: {yaml_list(v)}\n" for k, v in p.items()) + \
        f"  inputs: {yaml_list(inputs)}\n  {'targets' if many else 'target'}: {yaml_list(targets)}\n" + \
        (f"  initial_state: {yaml_list(initial)}\n" if initial else "")
    path = write_temp(f"lstm-{rng.random()}", text)
    args = ["--network", path, "--learning-rate", fmt(lr)] + (["--truncate", str(truncate)] if truncate else [])
    try:
        got = run_lesson(binary, "lstm", args)
    finally:
        os.remove(path)
    # torch.nn.LSTM, gates stacked i, f, g, o; the lesson's columns are [ŷ⁽ᵗ⁻¹⁾, x⁽ᵗ⁾] and ŷ = o ∗ tanh(s) = h, s = c.
    cell = torch.nn.LSTM(n, h, dtype=torch.float64)
    order = ["i", "f", "s", "o"]
    with torch.no_grad():
        cell.weight_ih_l0.copy_(torch.cat([T(p[f"W_{g}"])[:, h:] for g in order]))
        cell.weight_hh_l0.copy_(torch.cat([T(p[f"W_{g}"])[:, :h] for g in order]))
        cell.bias_ih_l0.copy_(torch.cat([T(p[f"b_{g}"]) for g in order]))
        cell.bias_hh_l0.zero_()
    xs = T(inputs)
    h0, c0 = torch.zeros(1, h), (T(initial)[None] if initial else torch.zeros(1, h))
    outs, (_, _) = cell(xs, (h0, c0))
    terms = list(range(steps)) if many else [steps - 1]
    tgt = (lambda t: T(targets[t])) if many else (lambda t: T(targets))
    total = sum(0.5 * ((outs[t] - tgt(t)) ** 2).sum() for t in terms)
    total.backward()

    def gradients():
        gw, gu, gb = cell.weight_hh_l0.grad, cell.weight_ih_l0.grad, cell.bias_ih_l0.grad
        return {g: (torch.cat([gw[i * h:(i + 1) * h], gu[i * h:(i + 1) * h]], 1), gb[i * h:(i + 1) * h].clone())
                for i, g in enumerate(order)}
    full = gradients()
    problems = []
    compare("outputs", got["outputs"], outs, problems)
    compare("loss", got["loss"], total.item(), problems)
    want = full
    if truncate:
        # Each term τ backpropagates through steps τ … τ−K+1 only: (h, c) of step τ−K detached
        # (the state before step 1 when τ−K < 1, which is a constant anyway).
        with torch.no_grad():
            hs, cs, state = [], [], (h0, c0)
            for t in range(steps):
                _, state = cell(xs[t:t + 1], state)
                hs.append(state[0])
                cs.append(state[1])
        cell.zero_grad()
        objective = 0
        for t in terms:
            start = max(t - truncate, -1)  # the 0-based step whose state is held, −1 for the initial one
            held = (hs[start].detach(), cs[start].detach()) if start >= 0 else (h0, c0)
            seg, _ = cell(xs[start + 1:t + 1], held)
            objective = objective + 0.5 * ((seg[-1] - tgt(t)) ** 2).sum()
        objective.backward()
        want = gradients()
        compare("truncate", got.get("truncate"), truncate, problems)
        compare("backward.truncation", got["backward"].get("truncation"), truncate, problems)
        for g in order:
            compare(f"backward.full.w_{g}", got["backward"]["full"][f"w_{g}"], full[g][0], problems)
            compare(f"backward.full.b_{g}", got["backward"]["full"][f"b_{g}"], full[g][1], problems)
    elif "truncate" in got or "truncation" in got["backward"]:
        problems.append("truncate: written for a run without --truncate")
    for g in order:
        compare(f"grad_W_{g}", got[f"grad_W_{g}"], want[g][0], problems)
        compare(f"grad_b_{g}", got[f"grad_b_{g}"], want[g][1], problems)
        compare(f"update.w_{g}", got["update"][f"w_{g}"], T(p[f"W_{g}"]) - lr * want[g][0], problems)
    return ["--network", "<" + text.replace("\n", " | ") + ">"] + args[2:], problems


# ---------------------------------------------------------------- autodiff, activations

UNARY = ["sin", "cos", "exp", "tanh", "log", "sigmoid"]  # the lesson's functions


def random_expr(rng, names, depth):
    if depth == 0 or rng.random() < 0.25:
        return rng.choice(names + [fmt(num(rng, 0.5, 3, 1))])
    kind = rng.random()
    if kind < 0.35:
        f = rng.choice(UNARY)
        inner = random_expr(rng, names, depth - 1)
        if f == "log":
            inner = f"({inner})^2 + 1"
        return f"{f}({inner})"
    if kind < 0.45:
        return f"({random_expr(rng, names, depth - 1)})^{rng.choice([2, 3])}"
    op = rng.choice(["+", "-", "*", "*", "/"])
    a, b = random_expr(rng, names, depth - 1), random_expr(rng, names, depth - 1)
    if op == "/":
        b = f"exp({b})"
    return f"({a}) {op} ({b})"


TORCH_FUNCS = {name: (lambda f: lambda a: f(torch.as_tensor(a)))(f) for name, f in {
    "sin": torch.sin, "cos": torch.cos, "exp": torch.exp, "tanh": torch.tanh, "log": torch.log,
    "sqrt": torch.sqrt, "sigmoid": torch.sigmoid, "relu": torch.relu}.items()}


def check_autodiff(rng, binary):
    names = rng.sample(["x", "y", "z"], rng.randint(1, 3))
    expr = random_expr(rng, names, rng.randint(1, 4))
    def uses(name):  # a whole word: the x of exp is no variable
        return re.search(rf"\b{name}\b", expr) is not None
    if not any(uses(n) for n in names):
        expr = f"{names[0]} * ({expr})"
    names = [n for n in names if uses(n)]  # the lesson refuses a value for a variable it lacks
    at = {n: num(rng, -2, 2, rng.choice([1, 2, 3])) for n in names}
    args = ["--expr", expr, "--at", ",".join(f"{n}={fmt(v)}" for n, v in at.items())]
    got = run_lesson(binary, "autodiff", args)
    env = {n: torch.tensor(v, requires_grad=True) for n, v in at.items()}
    value = eval(expr.replace("^", "**"), {**TORCH_FUNCS}, env)
    value.backward()
    problems = []
    compare("value", got["value"], value.item(), problems)
    for n in names:
        if n in got["gradient"]:
            want = env[n].grad.item() if env[n].grad is not None else 0.0
            compare(f"gradient.{n}", got["gradient"][n], want, problems)
    return args, problems


def check_activations(rng, binary):
    zs = [num(rng, -6, 6) for _ in range(rng.randint(1, 8))]
    args = ["--at", ",".join(fmt(z) for z in zs)]
    got = run_lesson(binary, "activations", args)
    problems = []
    derivative = {}
    for table in got["tables"]:
        name = table["activation"].lower()
        f = {"sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu, "softplus": F.softplus,
             "linear": lambda t: t, "identity": lambda t: t}.get(name.split()[0])
        if f is None:
            continue
        for row in table["rows"]:
            z = torch.tensor(float(row["z"]), requires_grad=True)
            y = f(z)
            y.backward()
            compare(f"{name}({row['z']})", row.get("value", row.get("a")), y.item(), problems)
            if z.item() != 0 or name != "relu":
                compare(f"{name}'({row['z']})", row.get("derivative"), z.grad.item(), problems)
    return args, problems

# ---------------------------------------------------------------- training

def check_gradient_descent(rng, binary):
    n = rng.randint(2, 6)
    x = [num(rng, -3, 3, 1) for _ in range(n)]
    y = [num(rng, -5, 5, 1) for _ in range(n)]
    intercept = rng.random() < 0.5
    start = [num(rng, -2, 2, 1)] + ([num(rng, -2, 2, 1)] if intercept else [])
    lr = num(rng, 0.001, 0.05, 3)
    epochs, batch = rng.randint(1, 5), rng.randint(1, n)
    args = ["--x", vec_text(x), "--y", vec_text(y), "--model", "with-intercept" if intercept else "through-origin",
            "--start", ",".join(fmt(v) for v in start), "--learning-rate", fmt(lr), "--epochs", str(epochs),
            "--batch-size", str(batch), "--no-shuffle"]
    got = run_lesson(binary, "gradient-descent", args)
    problems = []
    for name, method in got["methods"].items():
        # torch.optim.SGD on the mean squared error of each batch, the batches the lesson lists.
        theta = T(start).requires_grad_()
        opt = torch.optim.SGD([theta], lr=lr)
        for k, batch_ids in enumerate(method["batches"]):
            xb, yb = T([x[i] for i in batch_ids]), T([y[i] for i in batch_ids])
            pred = theta[0] * xb + (theta[1] if intercept else 0)
            loss = ((pred - yb) ** 2).mean()
            opt.zero_grad()
            loss.backward()
            compare(f"{name}.gradient[{k}]", method["gradient"][k], theta.grad, problems)
            opt.step()
            compare(f"{name}.theta[{k}]", method["theta"][k], theta[0].item(), problems)
            if intercept:
                compare(f"{name}.b[{k}]", method["b"][k], theta[1].item(), problems)
    return args, problems


SURFACES = {"bowl": None, "valley": None, "rosenbrock": None, "saddle": None}


def random_surface(rng):
    terms = []
    for _ in range(rng.randint(1, 3)):
        c = fmt(num(rng, 0.1, 3, 1))
        terms.append(rng.choice([f"{c}*x^2", f"{c}*y^2", f"{c}*x*y", f"sin({c}*x)", f"{c}*(x - y)^2",
                                 f"exp({fmt(num(rng, 0.1, 0.5, 1))}*y)", f"cos(x + {c}*y)"]))
    return " + ".join(terms)


def check_optimizers(rng, binary):
    custom = rng.random() < 0.5
    surface = random_surface(rng) if custom else rng.choice(list(SURFACES))
    names = rng.sample(["sgd", "momentum", "nesterov", "rmsprop", "adam"], rng.randint(1, 5))
    # Rosenbrock's walls are steep: a larger step diverges (the lesson then refuses, as it should).
    lr = num(rng, 0.0001, 0.001, 4) if surface == "rosenbrock" else num(rng, 0.001, 0.1, 3)
    steps = rng.randint(1, 30)
    start = [num(rng, -3, 3, 1), num(rng, -3, 3, 1)]
    args = ["--surface", surface, "--optimizer", ",".join(names), "--learning-rate", fmt(lr), "--steps", str(steps),
            "--start", ",".join(fmt(v) for v in start)]
    try:
        got = run_lesson(binary, "optimizers", args)
    except Refused as refusal:
        if "diverged" not in str(refusal):
            raise
        got = None  # the lesson says the walk became non-finite: torch must say so too
    st = (got or run_lesson(binary, "optimizers", ["--surface", surface, "--steps", "1"]))["settings"]
    expr = (got or run_lesson(binary, "optimizers", ["--surface", surface, "--steps", "1"]))["expression"].replace("^", "**")
    problems = []
    finite = True
    for name in names:
        p = T(start).requires_grad_()
        opt = {"sgd": lambda: torch.optim.SGD([p], lr=lr),
               "momentum": lambda: torch.optim.SGD([p], lr=lr, momentum=st["momentum"]),
               "nesterov": lambda: torch.optim.SGD([p], lr=lr, momentum=st["momentum"], nesterov=True),
               "rmsprop": lambda: torch.optim.RMSprop([p], lr=lr, alpha=st["rmsprop_alpha"], eps=st["epsilon"]),
               "adam": lambda: torch.optim.Adam([p], lr=lr, betas=(st["beta1"], st["beta2"]), eps=st["epsilon"])}[name]()
        path = [p.detach().clone()]
        for _ in range(steps):
            opt.zero_grad()
            f = eval(expr, {**TORCH_FUNCS}, {"x": p[0], "y": p[1]})
            f.backward()
            opt.step()
            path.append(p.detach().clone())
        # The lesson also writes J at the last point: a walk whose last J overflows is refused too.
        with torch.no_grad():
            last = eval(expr, {**TORCH_FUNCS}, {"x": p[0], "y": p[1]})
        finite = finite and bool(torch.isfinite(torch.stack(path)).all()) and bool(torch.isfinite(f)) and bool(torch.isfinite(last))
        if got:
            compare(f"trajectories.{name}", got["trajectories"][name], torch.stack(path), problems)
    if got is None and finite:
        problems.append("the lesson refused a diverging walk that stays finite in torch")
    return args, problems



CHECKS = {
    "conv2d": check_conv2d,
    "conv2d-backward": check_conv2d_backward,
    "conv1d": check_conv1d,
    "conv-transpose": check_conv_transpose,
    "conv-channels": check_conv_channels,
    "separable": check_separable,
    "conv-arithmetic": check_conv_arithmetic,
    "pooling": check_pooling,
    "mlp": check_network("mlp"),
    "backprop": check_network("backprop"),
    "cnn": check_cnn,
    "rnn": check_rnn,
    "lstm": check_lstm,
    "autodiff": check_autodiff,
    "activations": check_activations,
    "gradient-descent": check_gradient_descent,
    "optimizers": check_optimizers,
    "conv2d-same-keras": check_conv2d_same_keras,
    "pooling-same-keras": check_pooling_same_keras,
}
# Run only when named: Keras' `same` (asymmetric, stride-aware) is another change under way.
EXTRA = {"conv2d-same-keras", "pooling-same-keras"}

# ---------------------------------------------------------------- driver

def one(binary, lesson, seed):
    rng = random.Random(f"{lesson}:{seed}")
    try:
        args, problems = CHECKS[lesson](rng, binary)
    except Refused as refusal:
        return seed, None, [f"refused: {refusal}"]
    except Exception as error:  # a case the checker itself could not build: reported, never hidden
        return seed, None, [f"checker error: {type(error).__name__}: {error}"]
    return seed, args, problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=300, help="random cases per lesson")
    parser.add_argument("--seed", type=int, default=0, help="first case seed")
    parser.add_argument("--lesson", action="append", choices=sorted(CHECKS), help="only this lesson (repeatable)")
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "lesson"))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--show", type=int, default=3, help="failing cases printed per lesson")
    parser.add_argument("--saturate", action="store_true", help="also saturate softmax/sigmoid outputs in a tenth of the network cases")
    options = parser.parse_args()
    global SATURATE
    SATURATE = options.saturate
    if not os.path.exists(options.binary):
        print(f"torch_reference.py: {options.binary} not found; run `swift build --product lesson` first")
        return 2
    failed = False
    for lesson in options.lesson or [name for name in CHECKS if name not in EXTRA]:
        start = time.time()
        seeds = range(options.seed, options.seed + options.cases)
        with ThreadPoolExecutor(options.jobs) as pool:
            results = list(pool.map(lambda s: one(options.binary, lesson, s), seeds))
        bad = [r for r in results if r[2]]
        print(f"{lesson:18} {len(results):4} cases  {len(bad):4} mismatching  ({time.time() - start:.0f} s)", flush=True)
        for seed, args, problems in bad[:options.show]:
            print(f"  seed {seed}: " + ("lesson run " + lesson + " " + " ".join(quote(a) for a in args) if args else ""))
            for p in problems[:6]:
                print(f"    {p}")
        failed = failed or bool(bad)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""Generates the op fixtures read by tests/VideoPipe.Torch.Tests/Ops (run ONCE, commit the output).

    /usr/bin/python3 tests/VideoPipe.Torch.Tests/Ops/Fixtures/make_fixtures.py

Needs Debian's python3-torch (torch 1.13). CI never runs this: the .bin files are committed.

File format (one file per op group): 8-byte little-endian header length, a UTF-8 JSON header
{"tensors": {name: {"dtype", "shape", "offset", "nbytes"}}, "cases": {case: {parameters}}}, then the raw
little-endian row-major tensor bytes (offsets are relative to the end of the header).
"""
import json
import math
import os
import struct

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
DTYPES = {torch.float32: "float32", torch.float64: "float64", torch.int64: "int64", torch.bool: "bool"}


class Group:
    def __init__(self, name, seed):
        self.name = name
        self.tensors = {}
        self.cases = {}
        self.gen = torch.Generator().manual_seed(seed)

    def randn(self, *shape):
        return torch.randn(*shape, generator=self.gen)

    def rand(self, *shape, low=0.0, high=1.0):
        return low + (high - low) * torch.rand(*shape, generator=self.gen)

    def add(self, name, tensor):
        assert name not in self.tensors, name
        self.tensors[name] = tensor.detach().contiguous()
        return tensor

    def case(self, name, **params):
        self.cases[name] = params

    def write(self):
        header = {"tensors": {}, "cases": self.cases}
        blob = bytearray()
        for name, t in self.tensors.items():
            data = t.numpy().tobytes()
            header["tensors"][name] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape), "offset": len(blob),
                                       "nbytes": len(data)}
            blob += data
        head = json.dumps(header, sort_keys=True).encode("utf-8")
        with open(os.path.join(HERE, self.name + ".bin"), "wb") as f:
            f.write(struct.pack("<Q", len(head)))
            f.write(head)
            f.write(blob)


def conv_group():
    g = Group("conv", 1)
    cases = [
        # name, spatial dims, input shape, cout, kernel, stride, padding, dilation, groups
        ("conv1d", 1, (2, 4, 9), 6, (3,), (2,), (1,), (1,), 2),
        ("conv2d_plain", 2, (1, 4, 7, 8), 6, (3, 3), (1, 1), (1, 1), (1, 1), 1),
        ("conv2d_mixed", 2, (2, 4, 9, 10), 6, (3, 2), (2, 1), (1, 2), (1, 2), 2),
        ("conv3d_plain", 3, (1, 4, 5, 6, 7), 4, (3, 3, 3), (1, 1, 1), (1, 1, 1), (1, 1, 1), 1),
        ("conv3d_mixed", 3, (1, 4, 6, 7, 8), 6, (3, 3, 2), (2, 1, 2), (1, 0, 1), (1, 2, 1), 2),
        ("conv3d_pointwise", 3, (1, 8, 3, 4, 5), 5, (1, 1, 1), (1, 1, 1), (0, 0, 0), (1, 1, 1), 1),
    ]
    for name, n, xs, cout, k, s, p, d, groups in cases:
        x = g.add(name + ".x", g.randn(*xs))
        w = g.add(name + ".w", g.randn(cout, xs[1] // groups, *k) * 0.2)
        b = g.add(name + ".b", g.randn(cout))
        conv = [F.conv1d, F.conv2d, F.conv3d][n - 1]
        g.add(name + ".out", conv(x, w, b, stride=s, padding=p, dilation=d, groups=groups))
        g.case(name, transposed=False, stride=s, padding=p, dilation=d, groups=groups, output_padding=[0] * n)
    tcases = [
        # name, spatial dims, input shape, cout, kernel, stride, padding, output_padding, dilation, groups
        ("convT2d_up", 2, (1, 4, 5, 6), 3, (3, 3), (2, 2), (1, 1), (1, 1), (1, 1), 1),
        ("convT2d_grouped", 2, (2, 4, 4, 5), 6, (4, 3), (2, 1), (1, 0), (0, 0), (1, 2), 2),
        ("convT3d_up", 3, (1, 4, 3, 4, 5), 3, (3, 3, 3), (2, 2, 2), (1, 1, 1), (1, 1, 1), (1, 1, 1), 1),
        ("convT3d_mixed", 3, (1, 4, 3, 4, 4), 6, (3, 2, 3), (1, 2, 2), (0, 1, 1), (0, 1, 0), (1, 1, 2), 2),
    ]
    for name, n, xs, cout, k, s, p, op, d, groups in tcases:
        x = g.add(name + ".x", g.randn(*xs))
        w = g.add(name + ".w", g.randn(xs[1], cout // groups, *k) * 0.2)
        b = g.add(name + ".b", g.randn(cout))
        conv = [None, F.conv_transpose2d, F.conv_transpose3d][n - 1]
        g.add(name + ".out", conv(x, w, b, stride=s, padding=p, output_padding=op, groups=groups, dilation=d))
        g.case(name, transposed=True, stride=s, padding=p, dilation=d, groups=groups, output_padding=op)
    g.write()


def linalg_group():
    g = Group("linalg", 2)
    x = g.add("linear.x", g.randn(2, 3, 5))
    w = g.add("linear.w", g.randn(4, 5))
    b = g.add("linear.b", g.randn(4))
    g.add("linear.out", F.linear(x, w, b))
    g.add("linear_nobias.out", F.linear(x, w))
    a = g.add("matmul.a", g.randn(2, 1, 3, 4))
    m = g.add("matmul.b", g.randn(3, 4, 2))
    g.add("matmul.out", torch.matmul(a, m))
    v = g.add("matvec.v", g.randn(4))
    g.add("matvec.out", torch.matmul(a, v))
    ba = g.add("bmm.a", g.randn(3, 2, 4))
    bb = g.add("bmm.b", g.randn(3, 4, 5))
    g.add("bmm.out", torch.bmm(ba, bb))
    s = g.add("baddbmm.self", g.randn(3, 2, 5))
    g.add("baddbmm.out", torch.baddbmm(s, ba, bb, beta=0.5, alpha=2.0))
    g.write()


def norm_group():
    g = Group("norm", 3)
    x = g.add("group_norm4d.x", g.randn(2, 6, 3, 4) * 3 + 1)
    w = g.add("group_norm4d.w", g.randn(6))
    b = g.add("group_norm4d.b", g.randn(6))
    g.add("group_norm4d.out", F.group_norm(x, 3, w, b, 1e-5))
    x = g.add("group_norm5d.x", g.randn(1, 8, 2, 3, 3) * 2 - 1)
    g.add("group_norm5d.out", F.group_norm(x, 4, None, None, 1e-6))
    x = g.add("layer_norm.x", g.randn(2, 3, 8) * 2 + 0.5)
    w = g.add("layer_norm.w", g.randn(8))
    b = g.add("layer_norm.b", g.randn(8))
    g.add("layer_norm.out", F.layer_norm(x, [8], w, b, 1e-5))
    g.add("layer_norm2.out", F.layer_norm(x, [3, 8], None, None, 1e-6))
    g.write()


def pointwise_group():
    g = Group("pointwise", 4)
    x = g.add("x", g.rand(4, 16, low=-4.0, high=4.0))
    pos = g.add("pos", g.rand(4, 16, low=0.05, high=5.0))
    e = g.add("exponent", g.rand(4, 16, low=-2.0, high=2.0))
    g.add("silu", F.silu(x))
    g.add("gelu", F.gelu(x))
    g.add("gelu_tanh", F.gelu(x, approximate="tanh"))
    g.add("relu", F.relu(x))
    g.add("leaky_relu", F.leaky_relu(x, 0.2))
    g.add("sigmoid", torch.sigmoid(x))
    g.add("tanh", torch.tanh(x))
    g.add("sin", torch.sin(x))
    g.add("cos", torch.cos(x))
    g.add("exp", torch.exp(x))
    g.add("abs", torch.abs(x))
    g.add("log", torch.log(pos))
    g.add("sqrt", torch.sqrt(pos))
    g.add("rsqrt", torch.rsqrt(pos))
    g.add("pow_scalar", torch.pow(pos, 1.7))
    g.add("pow_tensor", torch.pow(pos, e))
    g.add("softmax_last", F.softmax(x, -1))
    g.add("softmax_first", F.softmax(x, 0))
    g.add("log_softmax_last", F.log_softmax(x, -1))
    g.add("clamp", torch.clamp(x, -1.5, 2.0))
    g.write()


def interpolate_group():
    g = Group("interpolate", 5)
    xs = {1: g.add("x1d", g.randn(1, 2, 5)), 2: g.add("x2d", g.randn(1, 2, 4, 5)),
          3: g.add("x3d", g.randn(1, 2, 3, 4, 5))}
    cases = [
        # name, spatial dims, mode, size, scale, align_corners
        ("nearest1d_up", 1, "nearest", [8], None, False),
        ("nearest_exact1d_up", 1, "nearest-exact", [8], None, False),
        ("linear1d", 1, "linear", [9], None, False),
        ("linear1d_ac", 1, "linear", [9], None, True),
        ("nearest2d_up", 2, "nearest", [7, 9], None, False),
        ("nearest2d_down", 2, "nearest", [3, 2], None, False),
        ("nearest_exact2d_up", 2, "nearest-exact", [7, 9], None, False),
        ("nearest_exact2d_down", 2, "nearest-exact", [3, 2], None, False),
        ("nearest2d_scale", 2, "nearest", None, [2.0, 1.5], False),
        ("bilinear2d", 2, "bilinear", [7, 9], None, False),
        ("bilinear2d_ac", 2, "bilinear", [7, 9], None, True),
        ("bilinear2d_down", 2, "bilinear", [3, 3], None, False),
        ("bilinear2d_scale", 2, "bilinear", None, [2.0, 0.5], False),
        ("bilinear2d_scale_ac", 2, "bilinear", None, [1.5, 2.0], True),
        ("nearest3d_up", 3, "nearest", [5, 6, 7], None, False),
        ("nearest_exact3d_up", 3, "nearest-exact", [5, 6, 7], None, False),
        ("trilinear3d", 3, "trilinear", [5, 6, 7], None, False),
        ("trilinear3d_ac", 3, "trilinear", [5, 6, 7], None, True),
        ("trilinear3d_scale", 3, "trilinear", None, [2.0, 2.0, 2.0], False),
        ("trilinear3d_down", 3, "trilinear", [2, 3, 3], None, False),
    ]
    for name, n, mode, size, scale, ac in cases:
        kwargs = {"align_corners": ac} if mode in ("linear", "bilinear", "trilinear") else {}
        out = F.interpolate(xs[n], size=size, scale_factor=scale, mode=mode, **kwargs)
        g.add(name, out)
        g.case(name, spatial=n, mode=mode, size=size, scale=scale, align_corners=ac)
    g.write()


def pad_group():
    g = Group("pad", 6)
    x4 = g.add("x4d", g.randn(1, 2, 3, 4))
    x5 = g.add("x5d", g.randn(1, 1, 2, 3, 4))
    cases = [
        ("constant", "x4d", [1, 2, 0, 1], "constant", 0.5),
        ("constant_crop", "x4d", [-1, 2, 1, -1], "constant", 0.0),
        ("replicate", "x4d", [2, 1, 1, 2], "replicate", 0.0),
        ("reflect", "x4d", [2, 1, 1, 2], "reflect", 0.0),
        ("replicate3d", "x5d", [1, 1, 2, 0, 1, 1], "replicate", 0.0),
        ("reflect3d", "x5d", [1, 2, 2, 1, 1, 0], "reflect", 0.0),
        ("constant3d", "x5d", [0, 0, 0, 0, 2, 1], "constant", -1.0),
    ]
    for name, src, pads, mode, value in cases:
        x = x4 if src == "x4d" else x5
        out = F.pad(x, pads, mode=mode, value=value) if mode == "constant" else F.pad(x, pads, mode=mode)
        g.add(name, out)
        g.case(name, input=src, pads=pads, mode=mode, value=value)
    g.write()


def reduce_group():
    g = Group("reduce", 7)
    x = g.add("x", g.randn(3, 4, 5))
    g.add("sum_all", x.sum())
    g.add("sum_1", x.sum(1))
    g.add("sum_02_keep", x.sum((0, 2), keepdim=True))
    g.add("mean_all", x.mean())
    g.add("mean_m1", x.mean(-1))
    g.add("var_1_unbiased", x.var(1, unbiased=True))
    g.add("var_all_biased", x.var(unbiased=False))
    g.add("var_02_biased_keep", x.var((0, 2), unbiased=False, keepdim=True))
    values, indices = x.max(2)
    g.add("max_2.values", values)
    g.add("max_2.indices", indices)
    values, indices = x.min(0, keepdim=True)
    g.add("min_0_keep.values", values)
    g.add("min_0_keep.indices", indices)
    g.add("amax_1", x.amax(1))
    g.add("amin_all", x.amin((0, 1, 2)))
    g.add("norm_all", x.norm())
    g.add("norm_p1_1", x.norm(p=1, dim=1))
    g.add("norm_12_keep", x.norm(p=2, dim=(1, 2), keepdim=True))
    g.write()


def random_group():
    g = Group("random", 8)
    gen = torch.Generator().manual_seed(1234)
    g.add("randn_1234_first", torch.randn(1000, generator=gen))
    g.add("randn_1234_second", torch.randn(3, 7, generator=gen))
    gen = torch.Generator().manual_seed(1234)
    g.add("rand_1234", torch.rand(100, generator=gen))
    gen = torch.Generator().manual_seed(1234)
    g.add("randint_1234", torch.randint(0, 10, (50,), generator=gen))
    gen = torch.Generator().manual_seed(7)
    g.add("randn_7_f64", torch.randn(20, dtype=torch.float64, generator=gen))
    g.write()


def attention_group():
    g = Group("attention", 9)
    q = g.add("q", g.randn(2, 3, 10, 8))
    k = g.add("k", g.randn(2, 3, 12, 8))
    v = g.add("v", g.randn(2, 3, 12, 6))
    add_mask = g.add("additive_mask", g.randn(10, 12))
    keep = g.rand(2, 1, 10, 12) > 0.3
    keep[..., 0] = True  # every query row keeps at least one key
    g.add("keep_mask", keep)

    def naive(mask=None, scale=None):
        q64, k64, v64 = q.double(), k.double(), v.double()
        s = (q64 @ k64.transpose(-2, -1)) * (scale if scale else 1.0 / math.sqrt(q.shape[-1]))
        if mask is not None:
            s = s.masked_fill(~mask, float("-inf")) if mask.dtype == torch.bool else s + mask.double()
        return (torch.softmax(s, -1) @ v64).float()

    g.add("plain", naive())
    g.add("scaled", naive(scale=0.3))
    g.add("additive", naive(add_mask))
    g.add("keep", naive(keep))
    g.write()


if __name__ == "__main__":
    assert torch.__version__.startswith("1.13"), torch.__version__
    torch.set_num_threads(1)
    conv_group()
    linalg_group()
    norm_group()
    pointwise_group()
    interpolate_group()
    pad_group()
    reduce_group()
    random_group()
    attention_group()

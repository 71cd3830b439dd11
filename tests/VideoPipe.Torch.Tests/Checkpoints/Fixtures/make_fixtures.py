#!/usr/bin/python3
"""Generates the checkpoint fixtures of VideoPipe.Torch.Tests/Checkpoints. Run once, commit the outputs.

Needs PyTorch (Debian's /usr/bin/python3 with torch 1.13 was used); the tests themselves never run Python.
The safetensors reference file is written here by hand, following the format as the reference Rust/Python
implementation writes it, because the safetensors Python package is not available.
"""
import collections
import io
import json
import os
import pickle
import struct
import sys
import zipfile

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
MARKER = "/tmp/videopipe_checkpoint_pwned_marker"

SAFETENSORS_CODES = {
    torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16", torch.float64: "F64",
    torch.int64: "I64", torch.int32: "I32", torch.int16: "I16", torch.int8: "I8",
    torch.uint8: "U8", torch.bool: "BOOL",
}
# Position in the reference implementation's Dtype enum; it writes tensors by this rank descending, then by name.
ALIGNMENT_RANK = {"BOOL": 0, "U8": 1, "I8": 2, "I16": 5, "F16": 7, "BF16": 8, "I32": 9, "F32": 11, "F64": 12, "I64": 13}


def raw_bytes(t):
    return t.contiguous().reshape(-1).view(torch.uint8).numpy().tobytes()


def write_safetensors(path, tensors, metadata):
    """The reference layout: u64-LE header length, compact JSON header (__metadata__ first, tensors in data order),
    padded with spaces to a multiple of 8, then the tensors' bytes back to back."""
    order = sorted(tensors, key=lambda n: (-ALIGNMENT_RANK[SAFETENSORS_CODES[tensors[n].dtype]], n))
    header = {}
    if metadata:
        header["__metadata__"] = {k: metadata[k] for k in sorted(metadata)}
    offset = 0
    blobs = []
    for name in order:
        t = tensors[name]
        data = raw_bytes(t)
        header[name] = {"dtype": SAFETENSORS_CODES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def all_dtype_state_dict():
    g = torch.Generator().manual_seed(20240601)
    base = torch.arange(24, dtype=torch.float32).reshape(4, 6)
    sd = collections.OrderedDict()
    sd["module.conv.weight"] = torch.randn(2, 3, 3, generator=g)
    sd["module.conv.bias"] = torch.randn(2, generator=g)
    sd["module.half_weight"] = torch.randn(4, 3, generator=g).half()
    sd["module.bf16_weight"] = torch.randn(3, 2, generator=g).bfloat16()
    sd["module.f64"] = torch.randn(2, 2, generator=g).double()
    sd["module.i64"] = torch.tensor([-(2 ** 40), 0, 2 ** 40])
    sd["module.i32"] = torch.tensor([-5, 6], dtype=torch.int32)
    sd["module.i16"] = torch.tensor([-300, 300], dtype=torch.int16)
    sd["module.i8"] = torch.tensor([-128, 127], dtype=torch.int8)
    sd["module.u8"] = torch.tensor([0, 255, 7], dtype=torch.uint8)
    sd["module.mask"] = torch.tensor([True, False, True])
    sd["module.offset_view"] = base[1:, ::2]          # storage offset 6, strides (6, 2)
    sd["module.transposed"] = base.t()                # same storage, strides (1, 6)
    sd["module.half_slice"] = torch.randn(5, 4, generator=g).half()[2:, 1:3]
    sd["module.scalar"] = torch.tensor(3.25)
    sd["module.empty"] = torch.zeros(0, 3)
    sd["module.bn.num_batches_tracked"] = torch.tensor(17)
    sd["module.tied"] = sd["module.conv.weight"]      # the same tensor object twice
    assert not sd["module.offset_view"].is_contiguous() and sd["module.offset_view"].storage_offset() == 6
    return sd


def main():
    sd = all_dtype_state_dict()
    model = torch.nn.Sequential(torch.nn.Conv2d(1, 2, 1), torch.nn.BatchNorm2d(2))
    torch.manual_seed(1)
    for p in model.parameters():
        torch.nn.init.normal_(p)
    ema = collections.OrderedDict()
    ema["module.conv.weight"] = sd["module.conv.weight"] * 0.5
    ema["module.step"] = 5
    ema["module.note"] = "ema"
    checkpoint = {
        "epoch": 7, "loss": 0.125, "big": 2 ** 70, "negative": -3, "name": "tiny", "flags": (True, False, None),
        "lrs": [0.1, 0.01],
        "state_dict": sd,
        "ema_state_dict": ema,
        "model": model.state_dict(),
        "optimizer": {"state": {0: {"momentum_buffer": torch.ones(2)}}, "param_groups": [{"lr": 0.1, "params": [0]}]},
        "params": {"p": torch.nn.Parameter(torch.arange(3, dtype=torch.float32))},
        "nested": {"inner": {"w": torch.full((2,), 9.0)}},
    }
    torch.save(checkpoint, os.path.join(HERE, "nested_prefixed.pth"))
    torch.save(model.state_dict(), os.path.join(HERE, "plain_state_dict.pt"))

    expected = collections.OrderedDict((k[len("module."):], v) for k, v in sd.items())
    write_safetensors(os.path.join(HERE, "expected_state_dict.safetensors"), expected,
                      {"format": "pt", "source": "make_fixtures.py"})
    write_safetensors(os.path.join(HERE, "expected_model.safetensors"), model.state_dict(), None)

    class RunsShellCommand:
        def __reduce__(self):
            return (os.system, ("touch " + MARKER,))

    torch.save({"weight": torch.ones(2), "payload": RunsShellCommand()}, os.path.join(HERE, "malicious_posix_system.pth"))

    class EvaluatesCode:
        def __reduce__(self):
            return (eval, ("__import__('os').system('touch " + MARKER + "')",))

    program = pickle.dumps({"payload": EvaluatesCode()}, protocol=4)
    assert b"\x93" in program  # STACK_GLOBAL builtins.eval
    with zipfile.ZipFile(os.path.join(HERE, "malicious_builtins_eval.pt"), "w", zipfile.ZIP_STORED) as z:
        z.writestr("evil/data.pkl", program)
        z.writestr("evil/version", "3\n")

    total = sum(os.path.getsize(os.path.join(HERE, f)) for f in os.listdir(HERE))
    print(f"fixtures written, {total} bytes in {HERE}", file=sys.stderr)


if __name__ == "__main__":
    main()

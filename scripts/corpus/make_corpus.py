"""Builds the training corpus: photo clips (camera motion, objects, brightness over redistributable stills) and
procedural clips (ffmpeg lavfi sources), split into train/ and eval/, with manifest.jsonl and LICENSES.md.
Usage: see scripts/make-corpus.sh and docs/corpus.md."""

import argparse
import hashlib
import json
import multiprocessing
import os
import shutil
import sys
import time

import numpy as np
import skimage

import encode
from licences import licences_markdown
from plan import CorpusConfig, plan
from procedural import lavfi_graph
from render import load_image, render_photo
from sources import BACKGROUNDS, OBJECTS, check_available

_images = {}


def _image(name):
    if name not in _images:
        _images[name] = load_image(name)
    return _images[name]


def _images_for(spec):
    names = {spec["source"], "horse"} | {o["texture_source"] for o in spec["objects"] if o["texture_source"]}
    return {n: _image(n) for n in names}


def photo_sources(spec):
    """Every still a photo clip draws pixels from."""
    names = [spec["source"]]
    for o in spec["objects"]:
        for n in (o["texture_source"], "horse" if o["shape"] == "horse" else None):
            if n and n not in names:
                names.append(n)
    return names


def build_clip(job):
    spec, root, crf = job
    path = os.path.join(root, spec["id"] + ".mp4")
    if spec["kind"] == "photo":
        encode.write_frames(render_photo(spec, _images_for(spec)), spec["fps"], crf, path)
        sources = photo_sources(spec)
        catalogue = {**BACKGROUNDS, **OBJECTS}
        licence = " AND ".join(sorted({catalogue[n][1] for n in sources}))
        motion = {k: spec[k] for k in ("camera", "objects", "brightness", "tint", "shutter")}
    else:
        graph = lavfi_graph(spec)
        encode.write_lavfi(graph, spec["frames"], crf, path)
        sources = [f"ffmpeg lavfi {spec['source']}"]
        licence = "CC0-1.0 (generated)"
        motion = {"generator": spec["source"], "params": spec["params"], "lavfi": graph}
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    return {"path": spec["id"] + ".mp4", "split": spec["split"], "kind": spec["kind"], "source": spec["source"],
            "sources": sources, "licence": licence, "frames": spec["frames"], "width": spec["width"],
            "height": spec["height"], "fps": spec["fps"], "codec": "h264", "pix_fmt": "yuv420p", "crf": crf,
            "motion": motion, "bytes": os.path.getsize(path), "sha256": digest}


def parse_args(argv):
    p = argparse.ArgumentParser(prog="make-corpus", description=__doc__)
    p.add_argument("--out", default="corpus", help="output folder (built beside it as <out>.partial, then renamed)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--photo-train", type=int, default=160)
    p.add_argument("--photo-eval", type=int, default=16)
    p.add_argument("--procedural-train", type=int, default=64)
    p.add_argument("--procedural-eval", type=int, default=8)
    p.add_argument("--sizes", default="128,160,192,224,256", help="comma-separated sides (multiples of 16) to draw widths and heights from")
    p.add_argument("--frames", default="33,49,65", help="comma-separated frame counts to draw from")
    p.add_argument("--fps", type=int, default=24)
    p.add_argument("--crf", type=int, default=18, help="x264 constant rate factor")
    p.add_argument("--eval-sources", default="coffee,gravel", help="photographs held out for eval/ (never in train/)")
    p.add_argument("--jobs", type=int, default=max(1, min(2, os.cpu_count() or 1)))
    p.add_argument("--force", action="store_true", help="replace an existing --out folder")
    a = p.parse_args(argv)
    try:
        config = CorpusConfig(seed=a.seed, photo_train=a.photo_train, photo_eval=a.photo_eval,
                              procedural_train=a.procedural_train, procedural_eval=a.procedural_eval,
                              sizes=tuple(int(s) for s in a.sizes.split(",")), frames=tuple(int(f) for f in a.frames.split(",")),
                              fps=a.fps, eval_sources=tuple(s for s in a.eval_sources.split(",") if s), crf=a.crf)
    except ValueError as e:
        raise SystemExit(f"make-corpus: --sizes and --frames take comma-separated integers ({e})")
    config.validate()
    if a.fps < 1 or a.jobs < 1:
        raise SystemExit("make-corpus: --fps and --jobs must be at least 1")
    return a, config


def main(argv):
    args, config = parse_args(argv)
    check_available()
    out = os.path.abspath(args.out)
    if os.path.exists(out) and not args.force:
        raise SystemExit(f"make-corpus: {out} exists; pass --force to replace it")
    partial = out + ".partial"
    shutil.rmtree(partial, ignore_errors=True)
    for split in ("train", "eval"):
        os.makedirs(os.path.join(partial, split))
    image_sizes = {n: load_image(n).shape[:2] for n in BACKGROUNDS}
    specs = plan(config, image_sizes)
    started = time.monotonic()
    records = []
    with multiprocessing.Pool(args.jobs) as pool:
        for i, record in enumerate(pool.imap(build_clip, [(s, partial, config.crf) for s in specs])):
            records.append(record)
            if (i + 1) % 20 == 0 or i + 1 == len(specs):
                print(f"make-corpus: {i + 1}/{len(specs)} clips, {time.monotonic() - started:.0f} s", flush=True)
    for name, split in (("manifest.jsonl", None), ("train.jsonl", "train"), ("eval.jsonl", "eval")):
        lines = [json.dumps(r, sort_keys=True) + "\n" for r in records if split in (None, r["split"])]
        encode.write_text(os.path.join(partial, name), "".join(lines))
    encode.write_text(os.path.join(partial, "LICENSES.md"), licences_markdown(records))
    settings = {"seed": config.seed, "config": {k: list(v) if isinstance(v, tuple) else v for k, v in vars(config).items()},
                "ffmpeg": encode.ffmpeg_version(), "numpy": np.__version__, "skimage": skimage.__version__,
                "clips": len(records), "bytes": sum(r["bytes"] for r in records)}
    encode.write_text(os.path.join(partial, "corpus.json"), json.dumps(settings, indent=2, sort_keys=True) + "\n")
    if os.path.exists(out):
        shutil.rmtree(out)
    os.replace(partial, out)
    mb = settings["bytes"] / 1e6
    print(f"make-corpus: {len(records)} clips ({sum(r['split'] == 'eval' for r in records)} eval), {mb:.1f} MB in {out}, "
          f"{time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except RuntimeError as e:
        raise SystemExit(f"make-corpus: {e}") from None

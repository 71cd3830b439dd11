"""Turns a seed and a configuration into an explicit list of clip specifications.

All randomness of the corpus lives here: a spec holds every number its clip is rendered from (camera path,
shake phases, objects, brightness, lavfi parameters), so rendering is a pure function of the spec and the
manifest records exactly how each clip was made.
"""

import math
from dataclasses import dataclass

import numpy as np

from geometry import max_scale
from sources import BACKGROUNDS

PROCEDURAL = ["testsrc2", "mandelbrot", "life", "cellauto", "gradients", "sierpinski", "scrolled-pattern"]
CAMERA_MODES = ["pan", "zoom", "rotate", "shake", "mixed"]
OBJECT_SHAPES = ["disk", "ellipse", "rectangle", "horse"]
OBJECT_FILLS = ["photo", "solid", "gradient"]
MANDELBROT_POINTS = [(-0.743644, -0.131826), (-0.7453, 0.1127), (-1.25066, 0.02012), (-0.16, 1.0405),
                     (0.2549, 0.0005), (-0.1011, 0.9563), (-1.7687, 0.0017)]
CELLAUTO_RULES = [18, 22, 30, 45, 57, 73, 90, 105, 110, 122, 126, 150]
LIFE_RULES = ["B3/S23", "B36/S23", "B3678/S34678", "B35678/S5678", "B368/S245"]
SCROLLED_PATTERNS = ["smptehdbars", "pal100bars", "rgbtestsrc", "testsrc"]


@dataclass(frozen=True)
class CorpusConfig:
    seed: int = 1
    photo_train: int = 160
    photo_eval: int = 16
    procedural_train: int = 64
    procedural_eval: int = 8
    sizes: tuple = (128, 160, 192, 224, 256)
    frames: tuple = (33, 49, 65)
    fps: int = 24
    eval_sources: tuple = ("coffee", "gravel")
    crf: int = 18
    square_fraction: float = 0.5

    def validate(self):
        unknown = [s for s in self.eval_sources if s not in BACKGROUNDS]
        if unknown:
            raise SystemExit(f"make-corpus: --eval-sources names {', '.join(unknown)}, not among {', '.join(BACKGROUNDS)}")
        if len(self.eval_sources) >= len(BACKGROUNDS):
            raise SystemExit("make-corpus: --eval-sources must leave at least one photograph for training")
        bad = [s for s in self.sizes if s < 16 or s % 16 != 0]
        if bad:
            raise SystemExit(f"make-corpus: sizes must be multiples of 16 and at least 16, got {bad}")
        if any(f < 1 for f in self.frames):
            raise SystemExit(f"make-corpus: frame counts must be positive, got {list(self.frames)}")
        for name in ("photo_train", "photo_eval", "procedural_train", "procedural_eval"):
            if getattr(self, name) < 0:
                raise SystemExit(f"make-corpus: {name.replace('_', '-')} must not be negative")
        if not 0 <= self.crf <= 51:
            raise SystemExit(f"make-corpus: crf must be in 0..51, got {self.crf}")


def plan(config, image_sizes):
    """Every clip's spec, in manifest order. image_sizes maps a background name to its (height, width)."""
    config.validate()
    rng = np.random.default_rng(config.seed)
    train_sources = [s for s in BACKGROUNDS if s not in config.eval_sources]
    specs = []
    for split, count, sources in (("train", config.photo_train, train_sources), ("eval", config.photo_eval, list(config.eval_sources))):
        for i in range(count):
            source = sources[i % len(sources)]
            specs.append(_photo_spec(rng, config, f"{split}/photo-{i:05d}", split, source, sources, image_sizes[source]))
    for split, count in (("train", config.procedural_train), ("eval", config.procedural_eval)):
        for i in range(count):
            generator = PROCEDURAL[i % len(PROCEDURAL)]
            specs.append(_procedural_spec(rng, config, f"{split}/procedural-{i:05d}", split, generator))
    return specs


def _size(rng, config):
    width = int(rng.choice(config.sizes))
    height = width if rng.random() < config.square_fraction else int(rng.choice(config.sizes))
    return width, height


def _common(rng, config, clip_id, split, kind):
    width, height = _size(rng, config)
    return {"id": clip_id, "split": split, "kind": kind, "width": width, "height": height,
            "frames": int(rng.choice(config.frames)), "fps": config.fps}


def _camera(rng, spec, image_hw):
    mode = str(rng.choice(CAMERA_MODES))
    frames, width, height = spec["frames"], spec["width"], spec["height"]
    moving = mode in ("pan", "mixed")
    angle_start = float(rng.uniform(-12, 12)) if mode in ("rotate", "mixed") else 0.0
    angle_speed = float(rng.choice([-1, 1]) * rng.uniform(0.2, 1.2)) if mode in ("rotate", "mixed") else 0.0
    angles = [angle_start + angle_speed * t for t in range(frames)]
    fit = min(max_scale(a, width, height, *image_hw) for a in angles)
    zoom_start = float(max(min(0.6, fit), fit * rng.uniform(0.35, 0.9)))
    zoom_end = zoom_start
    if mode in ("zoom", "mixed"):
        zoom_end = float(min(fit, max(0.5, zoom_start * math.exp(rng.choice([-1, 1]) * rng.uniform(0.15, 0.6)))))
    speed = rng.uniform(0.5, 4.0) if moving else rng.uniform(0, 0.4)
    direction = rng.uniform(0, 2 * math.pi)
    shake_px = float(rng.uniform(1, 4)) if mode in ("shake", "mixed") else float(rng.uniform(0, 0.6))
    return {
        "mode": mode,
        "zoom_start": zoom_start,
        "zoom_end": zoom_end,
        "angle_start_deg": angle_start,
        "angle_speed_deg": angle_speed,
        "centre_start": [float(rng.uniform(0.2, 0.8)), float(rng.uniform(0.2, 0.8))],
        "velocity_px": [float(speed * math.cos(direction)), float(speed * math.sin(direction))],
        "shake_px": shake_px,
        "shake_deg": float(shake_px * rng.uniform(0, 0.25)),
        "shake_frequencies_hz": [float(f) for f in rng.uniform(0.5, 5.0, size=3)],
        "shake_phases": [float(p) for p in rng.uniform(0, 2 * math.pi, size=9)],
    }


def _objects(rng, spec, texture_sources):
    count = int(rng.choice([0, 1, 1, 2, 2, 3]))
    side = min(spec["width"], spec["height"])
    objects = []
    for _ in range(count):
        fill = str(rng.choice(OBJECT_FILLS))
        objects.append({
            "shape": str(rng.choice(OBJECT_SHAPES)),
            "size_px": float(side * rng.uniform(0.15, 0.45)),
            "aspect": float(rng.uniform(0.5, 1.0)),
            "start": [float(rng.uniform(0, spec["width"])), float(rng.uniform(0, spec["height"]))],
            "velocity_px": [float(rng.uniform(-3, 3)), float(rng.uniform(-3, 3))],
            "angle_deg": float(rng.uniform(0, 360)),
            "spin_deg": float(rng.uniform(-3, 3)),
            "wobble_px": float(rng.uniform(0, 6)),
            "wobble_period_frames": float(rng.uniform(8, 40)),
            "fill": fill,
            "texture_source": str(rng.choice(texture_sources)) if fill == "photo" else None,
            "texture_origin": [float(rng.uniform(0.1, 0.9)), float(rng.uniform(0.1, 0.9))],
            "texture_scale": float(rng.uniform(0.7, 2.0)),
            "colours": [[float(c) for c in rng.uniform(0, 1, size=3)] for _ in range(2)],
        })
    return objects


def _photo_spec(rng, config, clip_id, split, source, texture_sources, image_hw):
    spec = _common(rng, config, clip_id, split, "photo")
    spec["source"] = source
    spec["camera"] = _camera(rng, spec, image_hw)
    spec["objects"] = _objects(rng, spec, texture_sources)
    varies = rng.random() < 0.5
    spec["brightness"] = {
        "amplitude": float(rng.uniform(0.03, 0.2)) if varies else 0.0,
        "period_frames": float(rng.uniform(12, 80)),
        "phase": float(rng.uniform(0, 2 * math.pi)),
        "ramp": float(rng.uniform(-0.4, 0.4)) if varies else 0.0,
    }
    spec["tint"] = [float(g) for g in rng.uniform(0.75, 1.0, size=3)] if rng.random() < 0.5 else [1.0, 1.0, 1.0]
    spec["shutter"] = float(rng.uniform(0.3, 0.8)) if rng.random() < 0.5 else 0.0
    return spec


def _procedural_spec(rng, config, clip_id, split, generator):
    spec = _common(rng, config, clip_id, split, "procedural")
    spec["source"] = generator
    seed = int(rng.integers(0, 2**31))
    if generator == "testsrc2":
        params = {"start_frame": int(rng.integers(0, 600))}
    elif generator == "mandelbrot":
        x, y = MANDELBROT_POINTS[int(rng.integers(len(MANDELBROT_POINTS)))]
        params = {"start_x": x, "start_y": y, "start_scale": float(rng.uniform(0.05, 3.0)),
                  "end_scale": float(rng.uniform(1e-4, 0.01)), "end_pts": float(rng.uniform(20, 200)),
                  "maxiter": int(rng.choice([128, 256, 512])), "morphamp": float(rng.choice([0.0, rng.uniform(0, 0.5)]))}
    elif generator == "life":
        params = {"rule": str(rng.choice(LIFE_RULES)), "ratio": float(rng.uniform(0.1, 0.7)), "seed": seed,
                  "mold": int(rng.integers(0, 40)), "cell": int(rng.choice([2, 4, 8])),
                  "colours": [_hex(rng) for _ in range(3)], "skip": int(rng.integers(0, 30))}
    elif generator == "cellauto":
        params = {"rule": int(rng.choice(CELLAUTO_RULES)), "ratio": float(rng.uniform(0.2, 0.8)), "seed": seed,
                  "cell": int(rng.choice([2, 4])), "gains": [float(g) for g in rng.uniform(0.3, 1.0, size=3)]}
    elif generator == "gradients":
        # ffmpeg draws unset ("random") gradient colours from an unseeded source, so every colour is explicit.
        params = {"seed": seed, "colours": [_hex(rng) for _ in range(int(rng.integers(2, 9)))], "speed": float(rng.uniform(0.005, 0.05)),
                  "line": [int(rng.integers(0, spec["width"])), int(rng.integers(0, spec["height"])),
                           int(rng.integers(0, spec["width"])), int(rng.integers(0, spec["height"]))]}
    elif generator == "sierpinski":
        params = {"seed": seed, "jump": int(rng.integers(1, 20)), "type": int(rng.integers(0, 2))}
    else:
        params = {"pattern": str(rng.choice(SCROLLED_PATTERNS)), "horizontal": float(rng.uniform(-0.02, 0.02)),
                  "vertical": float(rng.uniform(-0.02, 0.02)), "hue_speed_deg": float(rng.uniform(-6, 6))}
    spec["params"] = params
    return spec


def _hex(rng):
    return "0x" + "".join(f"{int(v):02X}" for v in rng.integers(0, 256, size=3))

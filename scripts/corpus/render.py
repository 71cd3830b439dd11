"""Renders a photo clip's frames from its spec: camera motion over a still, composited moving objects,
brightness changes. A pure function of the spec and the source images (no randomness here)."""

import math

import numpy as np
import skimage.io

from geometry import max_scale, view_half_extent
from sources import BACKGROUNDS, OBJECTS, path_of


def load_image(name):
    """float32 [H, W, 3] in 0..1; grey images become three equal channels, alpha is dropped."""
    file = (BACKGROUNDS.get(name) or OBJECTS[name])[0]
    image = skimage.io.imread(path_of(file))
    if image.ndim == 2:
        image = np.stack([image] * 3, axis=-1)
    return image[..., :3].astype(np.float32) / 255.0


def pyramid(image, levels=4):
    """The image and its 2x2 box-averaged halvings, so strong zoom-outs sample a pre-filtered level, not alias."""
    out = [image]
    for _ in range(levels):
        h, w = (out[-1].shape[0] // 2) * 2, (out[-1].shape[1] // 2) * 2
        if h < 16 or w < 16:
            break
        a = out[-1][:h, :w]
        out.append(0.25 * (a[0::2, 0::2] + a[1::2, 0::2] + a[0::2, 1::2] + a[1::2, 1::2]))
    return out


def sample(image, x, y):
    """Bilinear samples of image [H, W, C] at float pixel coordinates (edge-clamped)."""
    h, w = image.shape[:2]
    x = np.clip(x, 0, w - 1)
    y = np.clip(y, 0, h - 1)
    x0 = np.minimum(np.floor(x).astype(np.int32), w - 2)
    y0 = np.minimum(np.floor(y).astype(np.int32), h - 2)
    fx = (x - x0)[..., None]
    fy = (y - y0)[..., None]
    top = image[y0, x0] * (1 - fx) + image[y0, x0 + 1] * fx
    bottom = image[y0 + 1, x0] * (1 - fx) + image[y0 + 1, x0 + 1] * fx
    return top * (1 - fy) + bottom * fy


def camera_at(spec, image_hw, time):
    """(centre x, centre y, scale, angle in degrees) in source pixels at a frame time (fractional between frames),
    kept inside the image."""
    cam, frames, width, height = spec["camera"], spec["frames"], spec["width"], spec["height"]
    image_h, image_w = image_hw
    freqs, phases = cam["shake_frequencies_hz"], cam["shake_phases"]
    u = min(max(time / max(1, frames - 1), 0.0), 1.0)
    eased = u * u * (3 - 2 * u)
    seconds = time / spec["fps"]
    wave = [sum(math.sin(2 * math.pi * f * seconds + phases[3 * axis + k]) for k, f in enumerate(freqs)) / 3 for axis in range(3)]
    angle = cam["angle_start_deg"] + cam["angle_speed_deg"] * time + cam["shake_deg"] * wave[2]
    scale = min(cam["zoom_start"] * (cam["zoom_end"] / cam["zoom_start"]) ** eased, max_scale(angle, width, height, image_h, image_w))
    half_x, half_y = view_half_extent(scale, angle, width, height)
    # The pan moves a fixed number of output pixels per frame; one that reaches the edge stops there.
    cx = cam["centre_start"][0] * (image_w - 1) + cam["velocity_px"][0] * scale * time + cam["shake_px"] * wave[0] * scale
    cy = cam["centre_start"][1] * (image_h - 1) + cam["velocity_px"][1] * scale * time + cam["shake_px"] * wave[1] * scale
    return min(max(cx, half_x), image_w - 1 - half_x), min(max(cy, half_y), image_h - 1 - half_y), scale, angle


def exposure_times(spec, t):
    """The instants frame t integrates: its own time, or three spread over the shutter's open interval (motion blur)."""
    shutter = spec["shutter"]
    return [float(t)] if shutter <= 0 else [t - shutter / 2, float(t), t + shutter / 2]


def _view(levels, width, height, cx, cy, scale, angle):
    level = 0
    while level + 1 < len(levels) and scale / 2 ** (level + 1) >= 0.8:
        level += 1
    factor = 2 ** level
    u = np.arange(width, dtype=np.float32) - (width - 1) / 2
    v = np.arange(height, dtype=np.float32) - (height - 1) / 2
    du, dv = np.meshgrid(u, v)
    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    x = cx + scale * (c * du - s * dv)
    y = cy + scale * (s * du + c * dv)
    return sample(levels[level], (x + 0.5) / factor - 0.5, (y + 0.5) / factor - 0.5)


def _object_layer(obj, t, width, height, images):
    """(colour [H, W, 3], alpha [H, W, 1]) of one object at frame t."""
    size = obj["size_px"]
    px = obj["start"][0] + obj["velocity_px"][0] * t
    py = obj["start"][1] + obj["velocity_px"][1] * t
    wobble = obj["wobble_px"] * math.sin(2 * math.pi * t / obj["wobble_period_frames"])
    angle = math.radians(obj["angle_deg"] + obj["spin_deg"] * t)
    u = np.arange(width, dtype=np.float32) - px
    v = np.arange(height, dtype=np.float32) - (py + wobble)
    du, dv = np.meshgrid(u, v)
    c, s = math.cos(angle), math.sin(angle)
    a = (c * du + s * dv) / (size / 2)
    b = (-s * du + c * dv) / (size / 2)
    edge = size / 2
    if obj["shape"] == "disk":
        alpha = np.clip((1 - np.sqrt(a * a + b * b)) * edge + 0.5, 0, 1)
    elif obj["shape"] == "ellipse":
        alpha = np.clip((1 - np.sqrt(a * a + (b / obj["aspect"]) ** 2)) * edge * obj["aspect"] + 0.5, 0, 1)
    elif obj["shape"] == "rectangle":
        alpha = np.clip((1 - np.maximum(np.abs(a), np.abs(b) / obj["aspect"])) * edge * obj["aspect"] + 0.5, 0, 1)
    else:
        horse = images["horse"]
        hh, hw = horse.shape[:2]
        span = max(hh, hw) / 2
        inside = (np.abs(a) <= 1) & (np.abs(b) <= 1)
        alpha = np.where(inside, 1 - sample(horse[..., :1], a * span + (hw - 1) / 2, b * span + (hh - 1) / 2)[..., 0], 0)
    if obj["fill"] == "photo":
        texture = images[obj["texture_source"]]
        th, tw = texture.shape[:2]
        colour = sample(texture, obj["texture_origin"][0] * (tw - 1) + a * edge * obj["texture_scale"],
                        obj["texture_origin"][1] * (th - 1) + b * edge * obj["texture_scale"])
    elif obj["fill"] == "solid":
        colour = np.broadcast_to(np.array(obj["colours"][0], dtype=np.float32), (height, width, 3))
    else:
        mix = np.clip((a[..., None] + 1) / 2, 0, 1)
        colour = np.array(obj["colours"][0], dtype=np.float32) * (1 - mix) + np.array(obj["colours"][1], dtype=np.float32) * mix
    return colour, alpha[..., None].astype(np.float32)


def render_photo(spec, images):
    """uint8 [T, H, W, 3] frames of a photo spec; images maps names to load_image arrays."""
    width, height, frames = spec["width"], spec["height"], spec["frames"]
    background = images[spec["source"]] * np.array(spec["tint"], dtype=np.float32)
    levels = pyramid(background)
    light = spec["brightness"]
    out = np.empty((frames, height, width, 3), dtype=np.uint8)
    for t in range(frames):
        times = exposure_times(spec, t)
        frame = np.zeros((height, width, 3), dtype=np.float32)
        for time in times:
            sample_frame = _view(levels, width, height, *camera_at(spec, background.shape[:2], time))
            for obj in spec["objects"]:
                colour, alpha = _object_layer(obj, time, width, height, images)
                sample_frame = sample_frame * (1 - alpha) + colour * alpha
            frame += sample_frame / len(times)
        u = t / max(1, frames - 1)
        gain = (1 + light["ramp"] * (u - 0.5)) * (1 + light["amplitude"] * math.sin(2 * math.pi * t / light["period_frames"] + light["phase"]))
        out[t] = np.clip(np.rint(frame * gain * 255), 0, 255).astype(np.uint8)
    return out

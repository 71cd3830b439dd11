"""Camera geometry shared by the planner and the renderer."""

import math


def max_scale(angle_deg, width, height, image_h, image_w):
    """Largest source-pixels-per-output-pixel scale at which a width x height view rotated by angle_deg stays inside the image."""
    c, s = abs(math.cos(math.radians(angle_deg))), abs(math.sin(math.radians(angle_deg)))
    half_w, half_h = (width - 1) / 2, (height - 1) / 2
    return min(((image_w - 1) / 2) / (c * half_w + s * half_h), ((image_h - 1) / 2) / (s * half_w + c * half_h))


def view_half_extent(scale, angle_deg, width, height):
    """Half the width and height, in source pixels, of the box around a rotated view."""
    c, s = abs(math.cos(math.radians(angle_deg))), abs(math.sin(math.radians(angle_deg)))
    return scale * (c * (width - 1) / 2 + s * (height - 1) / 2), scale * (s * (width - 1) / 2 + c * (height - 1) / 2)

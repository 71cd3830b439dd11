"""The still images the corpus animates, with the licence each one carries.

The licence of every image below was checked against the statement in scikit-image's own data module
(skimage/data/__init__.py, the docstring of the loader of that file, scikit-image 0.19.3 as packaged by Debian 12);
Debian's copyright file covers the package as a whole (BSD-3-Clause) and says nothing per image. Only images whose
statement is public domain or CC0 are kept. EXCLUDED lists the files in the same folder that were left out and why.
"""

import hashlib
import os

SKIMAGE_DATA = "/usr/lib/python3/dist-packages/skimage/data"

# name -> (file, licence, statement as written in skimage/data/__init__.py)
BACKGROUNDS = {
    "astronaut": ("astronaut.png", "Public domain",
                  "NASA Great Images database; no known copyright restrictions, released into the public domain."),
    "camera": ("camera.png", "CC0-1.0", "No copyright restrictions. CC0 by the photographer (Lav Varshney)."),
    "cell": ("cell.png", "CC0-1.0", "This image is CC0, dedicated to the public domain."),
    "chelsea": ("chelsea.png", "CC0-1.0", "No copyright restrictions. CC0 by the photographer (Stefan van der Walt)."),
    "coffee": ("coffee.png", "CC0-1.0", "No copyright restrictions. CC0 by the photographer (Rachel Michetti)."),
    "hubble_deep_field": ("hubble_deep_field.jpg", "Public domain",
                          "Captured by NASA; may be freely used in the public domain (HubbleSite)."),
    "rocket": ("rocket.jpg", "Public domain", "Captured by SpaceX and released in the public domain."),
    "retina": ("retina.jpg", "CC0-1.0",
               "Wikimedia Commons; made available under the Creative Commons CC0 1.0 Universal Public Domain Dedication."),
    "brick": ("brick.png", "CC0-1.0", "From CC0Textures (Bricks25), licensed under the Creative Commons CC0 License."),
    "grass": ("grass.png", "CC0-1.0", "From DeviantArt (linolafett, Grass-01), licensed under the Creative Commons CC0 License."),
    "gravel": ("gravel.png", "CC0-1.0", "From CC0Textures (Gravel04), licensed under the Creative Commons CC0 License."),
    "clock_motion": ("clock_motion.png", "Public domain",
                     "Released into the public domain by the photographer (Stefan van der Walt)."),
}

# Used only as a composited object's shape.
OBJECTS = {
    "horse": ("horse.png", "CC0-1.0", "openclipart; no copyright restrictions. CC0 given by owner (Andreas Preuss (marauder))."),
}

EXCLUDED = {
    "coins.png": "only 'no known copyright restrictions' (Brooklyn Museum); no explicit public-domain or CC0 grant",
    "ihc.png": "only 'no known copyright restrictions'; no explicit public-domain or CC0 grant",
    "moon.png": "no licence statement",
    "page.png": "no licence statement",
    "color.png": "no licence statement",
    "text.png": "a drawing, not a photograph ('no known copyright restrictions')",
    "motorcycle_left.png": "Middlebury stereo data set; no redistribution licence stated in the package",
    "motorcycle_right.png": "Middlebury stereo data set; no redistribution licence stated in the package",
    "logo.png": "project logo, not a photograph",
    "lfw_subset.npy": "faces from Labeled Faces in the Wild; no licence statement, and people's faces",
    "phantom.png": "synthetic test image, not a photograph",
    "microaneurysms.png": "CC0, but 102x102 pixels: too small for 128-256 pixel clips",
    "other files": "test fixtures (checkerboards, palettes, arrays, TIFF/FITS samples), not photographs",
}


def path_of(file):
    return os.path.join(SKIMAGE_DATA, file)


def sha256_of(file):
    with open(path_of(file), "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def check_available():
    """Every listed file exists; raises naming the missing ones and how to install them."""
    missing = [f for f, _, _ in list(BACKGROUNDS.values()) + list(OBJECTS.values()) if not os.path.isfile(path_of(f))]
    if missing:
        raise SystemExit(f"make-corpus: missing {', '.join(missing)} in {SKIMAGE_DATA}; install python3-skimage "
                         "(scripts/setup-corpus.sh)")

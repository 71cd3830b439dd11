"""Tests of the corpus builder: the plan and the frame renderer are deterministic functions of the seed, held-out
photographs never reach train/, camera views stay inside their image, every lavfi graph runs, and two builds from
the same seed write identical files. Run: /usr/bin/python3 -m unittest discover -s scripts/corpus"""

import contextlib
import io
import json
import os
import subprocess
import tempfile
import unittest

import numpy as np

from geometry import view_half_extent
from make_corpus import main, photo_sources
from plan import PROCEDURAL, CorpusConfig, plan
from procedural import lavfi_graph
from render import camera_at, exposure_times, load_image, render_photo
from sources import BACKGROUNDS, OBJECTS

SMALL = dict(sizes=(32, 48), frames=(5, 9))


def read_text(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def image_sizes():
    return {n: load_image(n).shape[:2] for n in BACKGROUNDS}


class PlanTests(unittest.TestCase):
    def test_same_seed_same_plan_other_seed_other_plan(self):
        sizes = image_sizes()
        config = CorpusConfig(seed=7, photo_train=12, photo_eval=3, procedural_train=7, procedural_eval=2)
        self.assertEqual(plan(config, sizes), plan(config, sizes))
        self.assertNotEqual(plan(config, sizes), plan(CorpusConfig(seed=8, photo_train=12, photo_eval=3, procedural_train=7, procedural_eval=2), sizes))

    def test_held_out_photographs_appear_only_in_eval(self):
        config = CorpusConfig(seed=3, photo_train=60, photo_eval=10, procedural_train=0, procedural_eval=0)
        for spec in plan(config, image_sizes()):
            used = set(photo_sources(spec))
            held_out = used & set(config.eval_sources)
            if spec["split"] == "train":
                self.assertEqual(set(), held_out, spec["id"])
            else:
                self.assertEqual(used - {"horse"}, held_out, spec["id"])

    def test_bad_configuration_is_named(self):
        with self.assertRaisesRegex(SystemExit, "eval-sources names nosuch"):
            CorpusConfig(eval_sources=("nosuch",)).validate()
        with self.assertRaisesRegex(SystemExit, "multiples of 16"):
            CorpusConfig(sizes=(100,)).validate()


class RenderTests(unittest.TestCase):
    def test_frames_are_a_function_of_the_seed(self):
        sizes = image_sizes()
        first = [s for s in plan(CorpusConfig(seed=11, photo_train=3, photo_eval=0, procedural_train=0, procedural_eval=0, **SMALL), sizes)]
        again = [s for s in plan(CorpusConfig(seed=11, photo_train=3, photo_eval=0, procedural_train=0, procedural_eval=0, **SMALL), sizes)]
        other = [s for s in plan(CorpusConfig(seed=12, photo_train=3, photo_eval=0, procedural_train=0, procedural_eval=0, **SMALL), sizes)]
        images = {n: load_image(n) for n in {**BACKGROUNDS, **OBJECTS}}
        fresh = {n: load_image(n) for n in {**BACKGROUNDS, **OBJECTS}}
        for a, b, c in zip(first, again, other):
            frames = render_photo(a, images)
            self.assertEqual((a["frames"], a["height"], a["width"], 3), frames.shape)
            self.assertEqual(np.uint8, frames.dtype)
            np.testing.assert_array_equal(frames, render_photo(b, fresh))
            rendered = render_photo(c, images)
            self.assertTrue(rendered.shape != frames.shape or not np.array_equal(rendered, frames), a["id"])

    def test_the_view_stays_inside_the_image(self):
        sizes = image_sizes()
        for spec in plan(CorpusConfig(seed=5, photo_train=80, photo_eval=8, procedural_train=0, procedural_eval=0), sizes):
            h, w = sizes[spec["source"]]
            times = [time for t in range(spec["frames"]) for time in exposure_times(spec, t)]
            for cx, cy, scale, angle in (camera_at(spec, (h, w), time) for time in times):
                half_x, half_y = view_half_extent(scale, angle, spec["width"], spec["height"])
                self.assertGreaterEqual(cx - half_x, -1e-6, spec["id"])
                self.assertLessEqual(cx + half_x, w - 1 + 1e-6, spec["id"])
                self.assertGreaterEqual(cy - half_y, -1e-6, spec["id"])
                self.assertLessEqual(cy + half_y, h - 1 + 1e-6, spec["id"])

    def test_frames_move(self):
        spec = plan(CorpusConfig(seed=2, photo_train=1, photo_eval=0, procedural_train=0, procedural_eval=0, frames=(9,)), image_sizes())[0]
        frames = render_photo(spec, {n: load_image(n) for n in {**BACKGROUNDS, **OBJECTS}}).astype(np.int16)
        self.assertGreater(np.abs(frames[-1] - frames[0]).mean(), 1.0)

    def test_an_open_shutter_blurs_a_fast_pan(self):
        spec = plan(CorpusConfig(seed=2, photo_train=1, photo_eval=0, procedural_train=0, procedural_eval=0, frames=(5,)), image_sizes())[0]
        camera = {**spec["camera"], "velocity_px": [6.0, 0.0], "zoom_end": spec["camera"]["zoom_start"], "angle_speed_deg": 0.0, "shake_px": 0.0, "shake_deg": 0.0}
        images = {n: load_image(n) for n in {**BACKGROUNDS, **OBJECTS}}

        def horizontal_detail(shutter):
            frames = render_photo({**spec, "camera": camera, "objects": [], "shutter": shutter}, images).astype(np.int16)
            return np.abs(np.diff(frames[2], axis=1)).mean()

        self.assertLess(horizontal_detail(0.8), 0.9 * horizontal_detail(0.0))


class BuildTests(unittest.TestCase):
    def test_every_generator_runs_in_ffmpeg(self):
        specs = plan(CorpusConfig(seed=4, photo_train=0, photo_eval=0, procedural_train=len(PROCEDURAL) * 2, procedural_eval=0, **SMALL), image_sizes())
        for spec in specs:
            graph = lavfi_graph(spec)
            result = subprocess.run(["ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", graph,
                                     "-frames:v", "2", "-f", "null", "-"], capture_output=True, text=True)
            self.assertEqual(0, result.returncode, f"{spec['source']}: {graph}: {result.stderr}")

    def test_same_seed_builds_identical_files(self):
        args = ["--seed", "9", "--photo-train", "3", "--photo-eval", "1", "--procedural-train", "7", "--procedural-eval", "1",
                "--sizes", "32,48", "--frames", "5,9", "--jobs", "2"]
        with tempfile.TemporaryDirectory() as temp:
            outputs = [os.path.join(temp, name) for name in ("a", "b")]
            for out in outputs:
                with contextlib.redirect_stdout(io.StringIO()):
                    main(["--out", out, *args])
            manifests = [read_text(os.path.join(out, "manifest.jsonl")) for out in outputs]
            self.assertEqual(manifests[0], manifests[1])
            records = [json.loads(line) for line in manifests[0].splitlines()]
            self.assertEqual(12, len(records))
            self.assertEqual(2, sum(r["split"] == "eval" for r in records))
            for split in ("train", "eval"):
                self.assertEqual([line for line, r in zip(manifests[0].splitlines(), records) if r["split"] == split],
                                 read_text(os.path.join(outputs[0], f"{split}.jsonl")).splitlines())
            for r in records:
                self.assertTrue(r["path"].startswith(r["split"] + "/"), r["path"])
                with open(os.path.join(outputs[1], r["path"]), "rb") as f:
                    self.assertEqual(r["bytes"], len(f.read()))
            self.assertIn("CC0-1.0", read_text(os.path.join(outputs[0], "LICENSES.md")))
            with self.assertRaisesRegex(SystemExit, "exists; pass --force"):
                main(["--out", outputs[0], *args])


if __name__ == "__main__":
    unittest.main()

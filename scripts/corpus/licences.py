"""LICENSES.md of a built corpus: every source its clips draw from, with licence and checksum, and what was left out."""

from sources import BACKGROUNDS, EXCLUDED, OBJECTS, SKIMAGE_DATA, sha256_of


def licences_markdown(records):
    used = {}
    for r in records:
        for name in r["sources"]:
            used[name] = used.get(name, 0) + 1
    lines = [
        "# Sources and licences of this corpus",
        "",
        "Every clip is made by scripts/make-corpus.sh from the sources below and nothing else. Per-clip sources and",
        "licences are in manifest.jsonl (fields `sources`, `licence`).",
        "",
        f"## Photographs and textures (Debian python3-skimage, {SKIMAGE_DATA})",
        "",
        "Licences as stated for each file in scikit-image's data module (skimage/data/__init__.py).",
        "",
        "| name | file | licence | statement | sha256 | clips |",
        "|---|---|---|---|---|---|",
    ]
    for name, (file, licence, statement) in {**BACKGROUNDS, **OBJECTS}.items():
        if name in used:
            lines.append(f"| {name} | {file} | {licence} | {statement} | {sha256_of(file)} | {used[name]} |")
    lines += [
        "",
        "## Procedural sources (ffmpeg lavfi)",
        "",
        "Frames computed by ffmpeg's built-in source filters from the parameters in the manifest; they contain no",
        "third-party images. Dedicated to the public domain (CC0-1.0) by the VideoPipe project.",
        "",
        "| generator | clips |",
        "|---|---|",
    ]
    for name, count in sorted(used.items()):
        if name.startswith("ffmpeg lavfi "):
            lines.append(f"| {name[len('ffmpeg lavfi '):]} | {count} |")
    lines += ["", "## Left out of the package's data folder", "", "| file | reason |", "|---|---|"]
    lines += [f"| {file} | {reason} |" for file, reason in EXCLUDED.items()]
    return "\n".join(lines) + "\n"

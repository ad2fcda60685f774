#!/usr/bin/env python3
"""Make the site's web fonts: the two typefaces cut down to what an English explainer sets, as WOFF2.

    npm pack @fontsource-variable/source-serif-4 @fontsource-variable/schibsted-grotesk
    pip install fonttools brotli          # only here, never at run time
    python scripts/make_fonts.py DIR      # DIR holds the two .tgz files

Both typefaces are under the SIL Open Font License 1.1; their licence texts are copied beside the fonts.
Each variable font keeps only the weights the stylesheet uses, the Latin letters, the typographic
punctuation and the features of running text (kerning, ligatures, figures), and no hinting.
"""

from __future__ import annotations

import sys
import tarfile
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

OUT = Path(__file__).resolve().parent.parent / "sitegen" / "static" / "fonts"
# Basic Latin, Latin-1, general punctuation, euro, trade mark, arrows, minus (style.css names the same ranges)
LATIN = "U+0020-007E,U+00A0-00FF,U+0152-0153,U+2010-2027,U+2030-203A,U+2044,U+20AC,U+2122,U+2190-2193,U+2212"
LATIN_EXT = "U+0100-017F"  # names such as Dvořák or Łódź: a second file, fetched only by a page that has one
FEATURES = "kern,liga,calt,ccmp,locl,mark,mkmk,lnum,onum,tnum,pnum,case"
FONTS = [  # package, file in it, weights kept, characters, output name
    ("source-serif-4", "latin-wght-normal", (400, 700), LATIN, "source-serif-4.woff2"),
    ("source-serif-4", "latin-ext-wght-normal", (400, 700), LATIN_EXT, "source-serif-4-ext.woff2"),
    ("source-serif-4", "latin-wght-italic", (400, 400), LATIN, "source-serif-4-italic.woff2"),
    ("schibsted-grotesk", "latin-wght-normal", (400, 800), LATIN, "schibsted-grotesk.woff2"),
]


def unpack(folder: Path, package: str, part: str, into: Path) -> Path:
    """The font ``part`` of the npm tarball of ``@fontsource-variable/<package>`` in ``folder``, and its licence."""
    tgz = next(folder.glob(f"fontsource-variable-{package}-*.tgz"))
    member = f"package/files/{package}-{part}.woff2"
    with tarfile.open(tgz) as tar:
        tar.extract(member, into, filter="data")
        tar.extract("package/LICENSE", into / package, filter="data")
    return into / member


def make(src: Path, weights: tuple[int, int], unicodes: str, dest: Path) -> None:
    """``src`` limited to ``weights`` (one weight: a static font) and ``unicodes``, written as WOFF2 to ``dest``."""
    font = TTFont(src)
    low, high = weights
    font = instancer.instantiateVariableFont(font, {"wght": low if low == high else (low, high)})
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = FEATURES.split(",")
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # names, copyright and the licence
    sub = subset.Subsetter(options)
    sub.populate(unicodes=subset.parse_unicodes(unicodes))
    sub.subset(font)
    font.flavor = "woff2"
    font.save(dest)


def main(folder: Path) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for package, part, weights, unicodes, name in FONTS:
            make(unpack(folder, package, part, Path(tmp)), weights, unicodes, OUT / name)
            print(f"{name}: {(OUT / name).stat().st_size} bytes")
        for package in sorted({f[0] for f in FONTS}):
            text = (Path(tmp) / package / "package" / "LICENSE").read_text(encoding="utf-8")
            (OUT / f"{package}-OFL.txt").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))

#!/usr/bin/env python3
"""Draw sitegen/static/favicon.ico from sitegen/static/favicon.svg, so the two never differ.

    .venv/bin/python scripts/make_favicon.py

The SVG is the site's mark in its own colours (the amber of the header's mark, the ink of the text, the blue of a
citation marker): rounded rectangles only, which Pillow draws at 16 and 32 px for browsers that want an ICO.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from PIL import Image, ImageDraw

STATIC = Path(__file__).resolve().parent.parent / "sitegen" / "static"
SCALE = 8  # drawn large, then reduced: smooth edges at 16 and 32 px


def main() -> int:
    svg = (STATIC / "favicon.svg").read_text(encoding="utf-8")
    size = float(re.search(r'viewBox="0 0 ([\d.]+)', svg).group(1))  # type: ignore[union-attr]
    big = Image.new("RGBA", (int(size * SCALE),) * 2, (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)
    for rect in re.findall(r"<rect ([^>]*)/>", svg):
        a = dict(re.findall(r'([a-z]+)="([^"]*)"', rect))
        x, y = float(a.get("x", 0)) * SCALE, float(a.get("y", 0)) * SCALE
        box = (x, y, x + float(a["width"]) * SCALE - 1, y + float(a["height"]) * SCALE - 1)
        draw.rounded_rectangle(box, radius=float(a.get("rx", 0)) * SCALE, fill=a["fill"])
    big.save(STATIC / "favicon.ico", sizes=[(16, 16), (32, 32)])
    print(f"wrote {STATIC / 'favicon.ico'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

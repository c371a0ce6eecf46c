/**
 * Tiny ImageNet-style folders for the transfer task, written as real JPEGs by Python's PIL (the torch
 * engine needs that Python anyway): DIR/imagenet-subset/{train,val}/<class>/*.jpg and, per target,
 * DIR/transfer/<target>/{train,val}/<class>/*.jpg. Each class is a colour and a bar position, plus noise,
 * so a small network tells them apart in a few epochs.
 */
import { spawnSync } from "node:child_process";
import { findPython } from "@/workers/engines/torch";

const SCRIPT = String.raw`
import json, sys, random
from pathlib import Path
from PIL import Image, ImageDraw
spec = json.loads(sys.argv[1])
rng = random.Random(spec["seed"])
def write(folder, classes, per_class, offset):
    for c in range(classes):
        d = Path(folder) / f"class_{c:02d}"
        d.mkdir(parents=True, exist_ok=True)
        for i in range(per_class):
            w, h = 48, 40
            hue = (c * 67 + offset * 31) % 256
            img = Image.new("RGB", (w, h), (hue, 255 - hue, (c * 40) % 256))
            draw = ImageDraw.Draw(img)
            x = (c * 9) % (w - 8)
            draw.rectangle([x, 0, x + 7, h], fill=(255 - hue, hue, 128))
            for _ in range(60):
                draw.point((rng.randrange(w), rng.randrange(h)), fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
            img.save(d / f"{i:03d}.jpg", quality=90)
root = Path(spec["dir"])
write(root / "imagenet-subset" / "train", spec["classes"], spec["train"], 0)
write(root / "imagenet-subset" / "val", spec["classes"], spec["val"], 0)
for t, name in enumerate(spec["targets"]):
    write(root / "transfer" / name / "train", spec["targetClasses"], spec["train"], t + 1)
    write(root / "transfer" / name / "val", spec["targetClasses"], spec["val"], t + 1)
`;

export interface TinyImagesSpec {
  classes?: number;
  targetClasses?: number;
  train?: number;
  val?: number;
  targets?: string[];
}

export function writeTinyImageFolders(dir: string, spec: TinyImagesSpec = {}): void {
  const full = { dir, seed: 1, classes: 4, targetClasses: 3, train: 12, val: 6, targets: ["shapes"], ...spec };
  const result = spawnSync(findPython(), ["-c", SCRIPT, JSON.stringify(full)], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`writing tiny image folders failed: ${result.stderr}`);
}

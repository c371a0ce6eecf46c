/**
 * The training recipes of tasks.md as the Python trainer implements them: reflection-padded CIFAR
 * crops, ImageNet's random-resized crops, torchvision's ResNet initialisation and Nesterov momentum.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findPython } from "./python-runtime";

const pythonDir = fileURLToPath(new URL("./python", import.meta.url));

function runPython(script: string): Record<string, unknown> {
  const out = execFileSync(findPython(), ["-c", script], { cwd: pythonDir, encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").at(-1)!);
}

describe("torch recipes", () => {
  it("pads CIFAR crops by reflection: a white image stays white, where zero padding shows black borders", () => {
    const result = runPython(`
import json, torch, data
images = torch.full((64, 3, 32, 32), 255, dtype=torch.uint8)
reflect = data.random_crop_flip(images, torch.Generator().manual_seed(0))
zeros = data.random_crop_flip(images, torch.Generator().manual_seed(0), pad_mode="zeros")
print(json.dumps({"shape": list(reflect.shape), "dtype": str(reflect.dtype), "reflectMin": int(reflect.min()), "zerosMin": int(zeros.min())}))`);
    expect(result).toEqual({ shape: [64, 3, 32, 32], dtype: "torch.uint8", reflectMin: 255, zerosMin: 0 });
  });

  it("draws random-resized crops per image, deterministically from the seed, with flips", () => {
    const result = runPython(`
import json, torch, data
images = torch.zeros((256, 3, 40, 40), dtype=torch.uint8)
images[:, :, :, 20:] = 255  # left half black, right half white
a = data.random_resized_crop(images, 32, torch.Generator().manual_seed(1))
b = data.random_resized_crop(images, 32, torch.Generator().manual_seed(1))
c = data.random_resized_crop(images, 32, torch.Generator().manual_seed(2))
left = a[:, 0, 16, 0]
right = a[:, 0, 16, -1]
print(json.dumps({
  "shape": list(a.shape), "same": bool(torch.equal(a, b)), "differs": not bool(torch.equal(a, c)),
  "within": bool(a.min() >= -1e-3 and a.max() <= 255 + 1e-3),
  "mirrored": int(((left > 128) & (right < 128)).sum()), "upright": int(((left < 128) & (right > 128)).sum()),
  "zoomed": int((a.flatten(1).std(1) < 1).sum()),
}))`);
    expect(result).toMatchObject({ shape: [256, 3, 32, 32], same: true, differs: true, within: true });
    // About half the crops spanning both halves are mirrored; small crops inside one half are flat.
    expect(result.mirrored as number).toBeGreaterThan(30);
    expect(result.upright as number).toBeGreaterThan(30);
    expect(result.zoomed as number).toBeGreaterThan(5);
  });

  it("initialises ResNets as torchvision does, and trains CIFAR with Nesterov momentum", () => {
    const result = runPython(`
import json, math, torch
from models import ResNet
torch.manual_seed(0)
model = ResNet(18, 10, 3, 64, small_input=True)
conv = model.layers[0].conv1
fan_out = conv.out_channels * conv.kernel_size[0] * conv.kernel_size[1]
bn = model.layers[0].bn1
print(json.dumps({"ratio": float(conv.weight.std()) / math.sqrt(2 / fan_out), "bnWeight": float(bn.weight.mean()), "bnBias": float(bn.bias.abs().max())}))`);
    expect(result.ratio as number).toBeGreaterThan(0.95);
    expect(result.ratio as number).toBeLessThan(1.05);
    expect(result).toMatchObject({ bnWeight: 1, bnBias: 0 });
  });
});

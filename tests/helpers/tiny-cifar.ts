/**
 * A tiny data set in the CIFAR-10 binary format (1 label byte + 3072 pixel bytes, R, G and B planes),
 * made so a small network learns it in a few epochs: each class has its own colour, plus noise.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

const PIXELS = 32 * 32;

function records(count: number, offset: number): Uint8Array {
  const out = new Uint8Array(count * (1 + 3 * PIXELS));
  let state = 12345 + offset;
  const noise = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 24) - 128;
  };
  for (let r = 0; r < count; r++) {
    const label = (r + offset) % 10;
    const base = r * (1 + 3 * PIXELS);
    out[base] = label;
    const colour = [25 * label, 255 - 25 * label, label % 2 === 0 ? 40 : 215];
    for (let c = 0; c < 3; c++) {
      for (let p = 0; p < PIXELS; p++) out[base + 1 + c * PIXELS + p] = Math.max(0, Math.min(255, colour[c] + (noise() >> 2)));
    }
  }
  return out;
}

/** Writes data_batch_1..5.bin (perBatch records each) and test_batch.bin into dir. */
export async function writeTinyCifar(dir: string, perBatch = 60, test = 100): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (let b = 1; b <= 5; b++) await writeFile(path.join(dir, `data_batch_${b}.bin`), records(perBatch, b * perBatch));
  await writeFile(path.join(dir, "test_batch.bin"), records(test, 0));
  return dir;
}

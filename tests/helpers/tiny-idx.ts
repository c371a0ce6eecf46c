/**
 * Tiny Fashion-MNIST-shaped data in gzipped IDX files, made so a softmax regression learns it in a few
 * epochs: class c lights rows 2c .. 2c + 7 of its 28 x 28 image, plus noise. Tests never read the
 * installed package.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { FASHION_MNIST_FILES } from "@/lib/tasks/fashion-mnist";

/** An IDX file of unsigned bytes with these dimensions (header only; `data` is appended as given). */
export function idxBytes(dims: number[], data: Uint8Array): Uint8Array {
  const header = new Uint8Array(4 + 4 * dims.length);
  header[2] = 0x08;
  header[3] = dims.length;
  const view = new DataView(header.buffer);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  const out = new Uint8Array(header.length + data.length);
  out.set(header);
  out.set(data, header.length);
  return out;
}

function split(count: number, offset: number): { images: Uint8Array; labels: Uint8Array } {
  const images = new Uint8Array(count * 784);
  const labels = new Uint8Array(count);
  let state = 777 + offset;
  const noise = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state >>> 26;
  };
  for (let r = 0; r < count; r++) {
    const label = (r * 7 + offset) % 10;
    labels[r] = label;
    for (let row = 0; row < 28; row++) {
      const lit = row >= 2 * label && row < 2 * label + 8;
      for (let col = 0; col < 28; col++) images[r * 784 + row * 28 + col] = (lit ? 180 : 10) + noise();
    }
  }
  return { images, labels };
}

/** Writes the four gzipped files into dir (made if missing); returns dir. */
export async function writeTinyFashionMnist(dir: string, train = 300, test = 100): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (const [name, count, offset] of [["train", train, 1], ["test", test, 2]] as const) {
    const { images, labels } = split(count, offset);
    await writeFile(path.join(dir, FASHION_MNIST_FILES[name].images), gzipSync(idxBytes([count, 28, 28], images)));
    await writeFile(path.join(dir, FASHION_MNIST_FILES[name].labels), gzipSync(idxBytes([count], labels)));
  }
  return dir;
}

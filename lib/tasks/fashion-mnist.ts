/**
 * The fashion-mnist task's data (tasks.md): Debian's dataset-fashion-mnist package, or a folder the
 * worker's operator names. Reading and normalising live here so verification feeds an uploaded model
 * exactly the inputs the engines train on.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseIdx } from "./idx";

export const FASHION_MNIST_TASK = "fashion-mnist";
/** Where `apt-get install dataset-fashion-mnist` puts the files. */
export const FASHION_MNIST_SYSTEM_DIR = "/usr/share/datasets/fashion-mnist";
export const FASHION_MNIST_INSTALL = "apt-get install dataset-fashion-mnist";
export const FASHION_MNIST_CLASSES = 10;
export const FASHION_MNIST_PIXELS = 28 * 28;

export const FASHION_MNIST_FILES = {
  train: { images: "train-images-idx3-ubyte.gz", labels: "train-labels-idx1-ubyte.gz" },
  test: { images: "t10k-images-idx3-ubyte.gz", labels: "t10k-labels-idx1-ubyte.gz" },
} as const;

/**
 * Mean and std of the 60,000 training images' pixels / 255, measured on the package's files
 * (0.28604, 0.35302): fixed constants, so a subset or a test fixture is normalised as the full set is.
 */
export const FASHION_MNIST_NORMALISATION = { mean: [0.2860406], std: [0.3530242] };

/** The folder with the four files: DIR/fashion-mnist of --data (or DIR itself), else the Debian package's; null when neither has them. */
export function fashionMnistDir(dataDir: string | undefined, systemDir = FASHION_MNIST_SYSTEM_DIR): string | null {
  const candidates = [...(dataDir ? [path.join(dataDir, "fashion-mnist"), dataDir] : []), systemDir];
  return candidates.find((dir) => existsSync(path.join(dir, FASHION_MNIST_FILES.test.images))) ?? null;
}

export function fashionMnistMissing(dataDir: string | undefined): string {
  return `fashion-mnist needs its data: ${FASHION_MNIST_INSTALL} (files in ${FASHION_MNIST_SYSTEM_DIR}), or --data DIR with DIR/fashion-mnist/${FASHION_MNIST_FILES.test.images} and the other three files${dataDir ? ` (not found under ${dataDir})` : ""}`;
}

export interface FashionMnistSplit {
  /** n x 784 raw pixel bytes. */
  pixels: Uint8Array;
  labels: Int32Array;
  n: number;
}

/** The first `limit` images and labels of a split, checked against each other; errors name the file. */
export async function readFashionMnist(dir: string, split: "train" | "test", limit = Infinity): Promise<FashionMnistSplit> {
  const imagesFile = path.join(dir, FASHION_MNIST_FILES[split].images);
  const labelsFile = path.join(dir, FASHION_MNIST_FILES[split].labels);
  const read = async (file: string) => {
    try {
      return await readFile(file);
    } catch (error) {
      throw new Error(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  };
  const images = parseIdx(await read(imagesFile), imagesFile);
  const labels = parseIdx(await read(labelsFile), labelsFile);
  if (images.dims.length !== 3 || images.dims[1] !== 28 || images.dims[2] !== 28) {
    throw new RangeError(`${imagesFile}: expected n x 28 x 28 images, found ${images.dims.join(" x ")}`);
  }
  if (labels.dims.length !== 1) throw new RangeError(`${labelsFile}: expected a list of labels, found ${labels.dims.join(" x ")}`);
  if (labels.dims[0] !== images.dims[0]) throw new RangeError(`${labelsFile}: ${labels.dims[0]} labels for the ${images.dims[0]} images of ${imagesFile}`);
  const n = Math.min(limit, images.dims[0]);
  const out = Int32Array.from(labels.data.subarray(0, n));
  const bad = out.findIndex((label) => label >= FASHION_MNIST_CLASSES);
  if (bad >= 0) throw new RangeError(`${labelsFile}: label ${out[bad]} at index ${bad}; Fashion-MNIST labels are 0-9`);
  return { pixels: images.data.subarray(0, n * FASHION_MNIST_PIXELS), labels: out, n };
}

/** Pixels / 255, then the data set's mean and std: the input every fashion-mnist model takes. */
export function standardise(pixels: Uint8Array): Float32Array {
  const [mean] = FASHION_MNIST_NORMALISATION.mean;
  const [std] = FASHION_MNIST_NORMALISATION.std;
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = (pixels[i] / 255 - mean) / std;
  return out;
}

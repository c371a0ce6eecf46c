import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idxBytes, writeTinyFashionMnist } from "@/tests/helpers/tiny-idx";
import { FASHION_MNIST_FILES, FASHION_MNIST_NORMALISATION, fashionMnistDir, readFashionMnist, standardise } from "./fashion-mnist";
import { parseIdx } from "./idx";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "lrbench-idx-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("IDX files", () => {
  it("reads plain and gzipped files: big-endian dimensions, then the bytes", () => {
    const bytes = idxBytes([2, 3], Uint8Array.from([1, 2, 3, 4, 5, 6]));
    for (const input of [bytes, gzipSync(bytes)]) {
      const parsed = parseIdx(input, "x.idx");
      expect(parsed.dims).toEqual([2, 3]);
      expect([...parsed.data]).toEqual([1, 2, 3, 4, 5, 6]);
    }
    expect(parseIdx(idxBytes([70_000], new Uint8Array(70_000)), "big").dims).toEqual([70_000]);
  });

  it("names the file and what is wrong with it", () => {
    const good = idxBytes([2, 3], new Uint8Array(6));
    expect(() => parseIdx(good.subarray(0, 9), "short.idx")).toThrow(/^short\.idx: truncated IDX header/);
    expect(() => parseIdx(good.subarray(0, 13), "cut.idx")).toThrow("cut.idx: dimensions 2 x 3 need 6 bytes of data, but 1 follow the header");
    expect(() => parseIdx(Uint8Array.from([1, 0, 8, 1, 0, 0, 0, 0]), "magic.idx")).toThrow("magic.idx: not an IDX file");
    const floats = Uint8Array.from(good);
    floats[2] = 0x0d;
    expect(() => parseIdx(floats, "f.idx")).toThrow("f.idx: IDX type 0x0d is not supported");
    expect(() => parseIdx(Uint8Array.from([0x1f, 0x8b, 1, 2, 3]), "broken.gz")).toThrow(/^broken\.gz: not a readable gzip file/);
  });
});

describe("Fashion-MNIST files", () => {
  it("reads a split's images and labels, the first `limit` of them, and standardises pixels / 255 by the data set's mean and std", async () => {
    const data = await writeTinyFashionMnist(path.join(dir, "ok"), 30, 20);
    const train = await readFashionMnist(data, "train", 12);
    expect(train.n).toBe(12);
    expect(train.pixels).toHaveLength(12 * 784);
    expect([...train.labels].every((l) => l >= 0 && l < 10)).toBe(true);
    expect((await readFashionMnist(data, "test")).n).toBe(20);
    const [x] = standardise(Uint8Array.from([255]));
    expect(x).toBeCloseTo((1 - FASHION_MNIST_NORMALISATION.mean[0]) / FASHION_MNIST_NORMALISATION.std[0], 6);
  });

  it("refuses images and labels that do not match, naming the file", async () => {
    const data = await writeTinyFashionMnist(path.join(dir, "bad"), 30, 20);
    const labels = path.join(data, FASHION_MNIST_FILES.test.labels);
    await writeFile(labels, gzipSync(idxBytes([19], new Uint8Array(19))));
    await expect(readFashionMnist(data, "test")).rejects.toThrow(`${labels}: 19 labels for the 20 images`);
    await writeFile(labels, gzipSync(idxBytes([20], new Uint8Array(20).fill(10))));
    await expect(readFashionMnist(data, "test")).rejects.toThrow(`${labels}: label 10 at index 0`);
    const images = path.join(data, FASHION_MNIST_FILES.train.images);
    await writeFile(images, gzipSync(idxBytes([30, 784], new Uint8Array(30 * 784))));
    await expect(readFashionMnist(data, "train")).rejects.toThrow(`${images}: expected n x 28 x 28 images, found 30 x 784`);
    await rm(images);
    await expect(readFashionMnist(data, "train")).rejects.toThrow(`${images}: cannot be read (ENOENT)`);
  });

  it("finds the files in --data DIR/fashion-mnist, in DIR itself, else in the package's folder", async () => {
    const data = path.join(dir, "layout");
    await writeTinyFashionMnist(path.join(data, "fashion-mnist"), 10, 10);
    const system = path.join(dir, "no-package");
    expect(fashionMnistDir(data, system)).toBe(path.join(data, "fashion-mnist"));
    expect(fashionMnistDir(path.join(data, "fashion-mnist"), system)).toBe(path.join(data, "fashion-mnist"));
    expect(fashionMnistDir(undefined, system)).toBeNull();
    expect(fashionMnistDir(path.join(dir, "elsewhere"), path.join(data, "fashion-mnist"))).toBe(path.join(data, "fashion-mnist"));
  });
});

/**
 * The one test that reads Debian's dataset-fashion-mnist (.ci/run installs it; without it this fails,
 * saying what to install): the files parse, and the task's normalisation constants are their statistics.
 */
import { describe, expect, it } from "vitest";
import { FASHION_MNIST_INSTALL, FASHION_MNIST_NORMALISATION, FASHION_MNIST_SYSTEM_DIR, fashionMnistDir, readFashionMnist } from "./fashion-mnist";

describe("the installed Fashion-MNIST package", () => {
  it("holds 60,000 training and 10,000 test images whose pixels / 255 have the task's mean and std", async () => {
    expect(fashionMnistDir(undefined), `install it: ${FASHION_MNIST_INSTALL}`).toBe(FASHION_MNIST_SYSTEM_DIR);
    const train = await readFashionMnist(FASHION_MNIST_SYSTEM_DIR, "train");
    const test = await readFashionMnist(FASHION_MNIST_SYSTEM_DIR, "test");
    expect([train.n, test.n]).toEqual([60_000, 10_000]);
    let sum = 0;
    let squares = 0;
    for (const p of train.pixels) {
      sum += p / 255;
      squares += (p / 255) ** 2;
    }
    const mean = sum / train.pixels.length;
    expect(mean).toBeCloseTo(FASHION_MNIST_NORMALISATION.mean[0], 6);
    expect(Math.sqrt(squares / train.pixels.length - mean * mean)).toBeCloseTo(FASHION_MNIST_NORMALISATION.std[0], 6);
  });
});

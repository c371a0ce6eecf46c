import { describe, expect, it } from "vitest";
import { batchesOf, logPoints, MAX_BATCH_BYTES } from "./batches";
import { MAX_POINTS_PER_BATCH } from "./runs";

describe("point batches", () => {
  it("keeps every batch's JSON below the byte limit whatever the point count, in order and complete", () => {
    // Long metric names make 10,000 points weigh more than a serverless function takes.
    const points = Array.from({ length: 60_000 }, (_, i) => ({ name: `${"m".repeat(90)}/${i % 7}`, x: i, value: i / 3 }));
    expect(Buffer.byteLength(JSON.stringify(points.slice(0, MAX_POINTS_PER_BATCH)))).toBeGreaterThan(1_000_000);
    const batches = batchesOf(points, 1_000_000);
    for (const batch of batches) {
      expect(Buffer.byteLength(JSON.stringify(batch))).toBeLessThanOrEqual(1_000_000);
      expect(batch.length).toBeLessThanOrEqual(MAX_POINTS_PER_BATCH);
    }
    expect(batches.flat()).toEqual(points);
    expect(batches.length).toBeGreaterThan(points.length / MAX_POINTS_PER_BATCH);
  });

  it("still caps the point count for small points, and refuses a point no batch can hold", () => {
    const points = Array.from({ length: 25_000 }, (_, i) => ({ name: "l", x: i, value: 0 }));
    expect(batchesOf(points).map((b) => b.length)).toEqual([MAX_POINTS_PER_BATCH, MAX_POINTS_PER_BATCH, 5_000]);
    expect(() => batchesOf([{ name: "x".repeat(MAX_BATCH_BYTES) }])).toThrow(/more than a batch may hold/);
  });

  it("counts UTF-8 bytes as Buffer does (no Buffer in a browser): two-, three- and four-byte characters", () => {
    const points = Array.from({ length: 3_000 }, (_, i) => ({ name: `é中😀/${i}`, x: i, value: 0 }));
    const batches = batchesOf(points, 10_000);
    for (const batch of batches) expect(Buffer.byteLength(JSON.stringify(batch))).toBeLessThanOrEqual(10_000);
    // Full: one more point would not have fitted.
    const [first, second] = batches;
    expect(Buffer.byteLength(JSON.stringify([...first, second[0]]))).toBeGreaterThan(10_000);
    expect(batches.flat()).toEqual(points);
  });

  it("gives a log's points as the API takes them, NaN and infinities as strings", () => {
    expect(logPoints({ series: { train_loss: [[0, 2], [1, NaN], [2, Infinity]], lr: [[0, -Infinity]] } })).toEqual([
      { name: "train_loss", x: 0, value: 2 },
      { name: "train_loss", x: 1, value: "NaN" },
      { name: "train_loss", x: 2, value: "Infinity" },
      { name: "lr", x: 0, value: "-Infinity" },
    ]);
  });
});

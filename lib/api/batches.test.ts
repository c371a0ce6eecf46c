import { describe, expect, it } from "vitest";
import { batchesOf, MAX_BATCH_BYTES } from "./batches";
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
});

import { describe, expect, it } from "vitest";
import { def } from "../schedules/test-helpers";
import { BoundedCache } from "./bounded-cache";
import { drawnPreview, PREVIEW_MAX_POINTS } from "./drawn";

describe("drawnPreview", () => {
  it("hands a page at most PREVIEW_MAX_POINTS points, whatever the horizon, ending where the last step ends", () => {
    const milestones = Array.from({ length: 1000 }, (_, i) => 200 * (i + 1));
    const preview = drawnPreview(def({ kind: "multiStep", lr: 1, gamma: 0.99, milestones }), 200_000);
    expect(preview.steps).toBe(200_000);
    expect(preview.lr.length).toBeLessThanOrEqual(PREVIEW_MAX_POINTS + 1);
    expect(preview.lr[0]).toEqual([0, 1]);
    expect(preview.lr[preview.lr.length - 1]).toEqual([200_000, Math.pow(0.99, 999)]);
  });

  it("is memoised per canonical definition and horizon", () => {
    const a = drawnPreview(def({ kind: "cosine", lr: 0.1, tMax: 50 }), 50);
    const reordered = drawnPreview(def({ tMax: 50, lr: 0.1, kind: "cosine" }), 50);
    expect(reordered).toBe(a);
    expect(drawnPreview(def({ kind: "cosine", lr: 0.1, tMax: 50 }), 60)).not.toBe(a);
    expect(drawnPreview(def({ kind: "cosine", lr: 0.2, tMax: 50 }), 50)).not.toBe(a);
  });
});

describe("drawnPreview of a budget-relative schedule", () => {
  it("resolves against the budget (default: the steps drawn), and says why when it cannot", () => {
    const relative = def({ kind: "multiStep", lr: 1, milestones: ["50%", "75%"], gamma: 0.5 });
    expect(drawnPreview(relative, 8).lr.map(([, lr]) => lr)).toEqual([1, 1, 1, 1, 0.5, 0.5, 0.25, 0.25, 0.25]);
    expect(drawnPreview(relative, 8, 4).lr.find(([t]) => t === 2)).toEqual([2, 0.5]);
    const broken = drawnPreview(relative, 8, 1);
    expect(broken.lr).toEqual([]);
    expect(broken.error).toContain('milestones[1] must be greater than milestones[0] (milestones[1] is "75%" of a budget of 1 epoch: 1)');
  });
});

describe("BoundedCache", () => {
  it("keeps at most its capacity, dropping the least recently used", () => {
    const cache = new BoundedCache<number>(2);
    let computed = 0;
    const get = (key: string) => cache.getOrCompute(key, () => ++computed);
    get("a");
    get("b");
    get("a"); // a is now the most recent
    get("c"); // evicts b
    expect(cache.size).toBe(2);
    expect(get("a")).toBe(1);
    expect(get("b")).toBe(4);
    expect(computed).toBe(4);
  });
});

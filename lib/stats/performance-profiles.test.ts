import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { performanceProfiles } from "./performance-profiles";

describe("performanceProfiles", () => {
  it("two schedules, two tasks, ratios 1 and 2", () => {
    // A is best on t1, B on t2, each twice as slow on the other task.
    const p = performanceProfiles({ A: { t1: 10, t2: 40 }, B: { t1: 20, t2: 20 } }, { tauMax: 4, points: 7 });
    expect(p.tasks).toEqual(["t1", "t2"]);
    expect(p.schedules.A.ratios).toEqual({ t1: 1, t2: 2 });
    // rho = 1/2 on [1, 2), 1 on [2, 4]: area = 0.5 * 1 + 1 * 2 = 2.5, over width 3.
    expect(p.schedules.A.score).toBeCloseTo(2.5 / 3, 14);
    expect(p.schedules.B.score).toBeCloseTo(2.5 / 3, 14);
    expect(p.schedules.A.curve).toEqual([
      { tau: 1, rho: 0.5 },
      { tau: 1.5, rho: 0.5 },
      { tau: 2, rho: 1 },
      { tau: 2.5, rho: 1 },
      { tau: 3, rho: 1 },
      { tau: 3.5, rho: 1 },
      { tau: 4, rho: 1 },
    ]);
  });

  it("scores a dominating schedule 1 and counts never-reached as Infinity", () => {
    const p = performanceProfiles({ A: { t1: 5, t2: 8 }, B: { t1: 10, t2: null } });
    expect(p.schedules.A.score).toBe(1);
    expect(p.schedules.B.ratios).toEqual({ t1: 2, t2: Infinity });
    // Only t1 contributes: (4 - 2) / 3, averaged over 2 tasks.
    expect(p.schedules.B.score).toBeCloseTo(1 / 3, 14);
    expect(p.schedules.B.curve.at(-1)).toEqual({ tau: 4, rho: 0.5 });
    expect(p.schedules.A.curve).toHaveLength(100);
  });

  it("gives no credit for ratios beyond tauMax and partial credit inside", () => {
    const p = performanceProfiles({ A: { t: 1 }, B: { t: 5 }, C: { t: 3.5 } }, { tauMax: 4 });
    expect(p.schedules.B.score).toBe(0);
    expect(p.schedules.C.score).toBeCloseTo(0.5 / 3, 14);
    expect(p.schedules.B.curve.every((pt) => pt.rho === 0)).toBe(true);
  });

  it("ignores tasks nobody reached, and treats missing entries as not reached", () => {
    const p = performanceProfiles({ A: { t1: 1, t2: null, t3: Infinity }, B: { t1: 3 } });
    expect(p.tasks).toEqual(["t1"]);
    expect(p.ignoredTasks).toEqual(["t2", "t3"]);
    expect(p.schedules.A.score).toBe(1);
    expect(p.schedules.B.score).toBeCloseTo(1 / 3, 14);

    const none = performanceProfiles({ A: { t: null }, B: { t: null } }, { points: 3 });
    expect(none.tasks).toEqual([]);
    expect(none.schedules.A).toMatchObject({ score: 0, curve: [{ tau: 1, rho: 0 }, { tau: 2.5, rho: 0 }, { tau: 4, rho: 0 }] });
  });

  it("score does not depend on the grid", () => {
    const times = { A: { t1: 1.3, t2: 2.71, t3: 9 }, B: { t1: 1, t2: 3, t3: 7 } };
    const coarse = performanceProfiles(times, { points: 2 });
    const fine = performanceProfiles(times, { points: 1000 });
    expect(coarse.schedules.A.score).toBe(fine.schedules.A.score);
    // A: ratios 1.3, 1, 9/7 -> (2.7 + 3 + (4 - 9/7)) / (3 * 3).
    expect(fine.schedules.A.score).toBeCloseTo((2.7 + 3 + 4 - 9 / 7) / 9, 14);
  });

  it("validates input", () => {
    expect(() => performanceProfiles({ A: { t: 0 } })).toThrow(/must be > 0/);
    expect(() => performanceProfiles({ A: { t: NaN } })).toThrow(RangeError);
    expect(() => performanceProfiles({ A: { t: 1 } }, { tauMax: 1 })).toThrow(/tauMax/);
    expect(() => performanceProfiles({ A: { t: 1 } }, { points: 1 })).toThrow(/points/);
  });

  it("curves are non-decreasing steps in [0, 1], some schedule has rho(1) > 0, and the grid approximates the score (property)", () => {
    const time = fc.oneof(fc.constant(null), fc.double({ min: 0.1, max: 100, noNaN: true }));
    const times = fc.dictionary(
      fc.constantFrom("s1", "s2", "s3"),
      fc.record({ a: time, b: time, c: time, d: time }),
      { minKeys: 1 },
    );
    fc.assert(
      fc.property(times, (t) => {
        const p = performanceProfiles(t, { points: 3001 });
        const profiles = Object.values(p.schedules);
        for (const prof of profiles) {
          expect(prof.score).toBeGreaterThanOrEqual(0);
          expect(prof.score).toBeLessThanOrEqual(1);
          expect(prof.curve.every((pt, i) => i === 0 || pt.rho >= prof.curve[i - 1].rho)).toBe(true);
          // Right-endpoint Riemann sum overestimates a non-decreasing step function by at most one grid step.
          const h = 3 / 3000;
          const riemann = prof.curve.slice(1).reduce((s, pt) => s + pt.rho * h, 0) / 3;
          expect(Math.abs(riemann - prof.score)).toBeLessThanOrEqual(h / 3 + 1e-12);
        }
        if (p.tasks.length > 0) {
          // Every counted task has a best schedule with ratio exactly 1.
          for (const task of p.tasks) expect(profiles.some((prof) => prof.ratios[task] === 1)).toBe(true);
          expect(Math.max(...profiles.map((prof) => prof.curve[0].rho))).toBeGreaterThan(0);
        }
      }),
      { numRuns: 100 },
    );
  });
});

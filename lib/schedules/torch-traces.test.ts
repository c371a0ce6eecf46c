import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDefinition } from "./definition";
import { sampleSchedule } from "./sample";

type TraceCase = {
  name: string;
  definition: unknown;
  steps: number;
  observations?: number[];
  lr: number[];
  momentum?: number[];
};

const fixture = JSON.parse(readFileSync(new URL("./fixtures/torch-traces.json", import.meta.url), "utf8")) as {
  torch: string;
  cases: TraceCase[];
};

/** The contract's tolerance: relative 1e-6, absolute 1e-12 where the value is ~0. */
function expectClose(actual: readonly number[], expected: readonly number[], what: string) {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let t = 0; t < expected.length; t++) {
    const tol = Math.max(1e-12, 1e-6 * Math.abs(expected[t]));
    if (!(Math.abs(actual[t] - expected[t]) <= tol)) {
      expect.fail(`${what}[${t}]: engine ${actual[t]} vs torch ${expected[t]}`);
    }
  }
}

describe(`engine equals PyTorch ${fixture.torch} traces`, () => {
  it("covers every PyTorch-mapped kind", () => {
    const kinds = new Set(fixture.cases.map((c) => (c.definition as { kind: string }).kind));
    for (const k of ["step", "multiStep", "exponential", "cosine", "warmRestarts", "cyclic", "oneCycle", "linear", "polynomial", "sequence", "plateau"]) {
      expect(kinds.has(k), k).toBe(true);
    }
  });

  for (const c of fixture.cases) {
    it(c.name, () => {
      const parsed = parseDefinition(c.definition);
      if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join("; "));
      const out = sampleSchedule(parsed.definition, { steps: c.steps, observations: c.observations });
      expectClose(out.lr, c.lr, "lr");
      if (c.momentum) expectClose(out.momentum ?? [], c.momentum, "momentum");
      else expect(out.momentum).toBeUndefined();
    });
  }
});

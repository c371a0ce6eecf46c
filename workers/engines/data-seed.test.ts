import { afterEach, describe, expect, it, vi } from "vitest";
import type { Ps10Dataset } from "@/lib/tasks/ps10";
import type { Engine } from "./types";

// Every PS10 data set an engine draws, whichever generator entry point it calls.
const drawn: Ps10Dataset[] = [];
vi.mock("@/lib/tasks/ps10", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/tasks/ps10")>();
  const recorded = <A extends unknown[]>(generate: (...args: A) => Ps10Dataset) => (...args: A) => {
    const data = generate(...args);
    drawn.push(data);
    return data;
  };
  return { ...original, generatePs10: recorded(original.generatePs10), generatePs10TaskData: recorded(original.generatePs10TaskData) };
});

const { createTfjsEngine } = await import("./tfjs");
const { createTorchEngine } = await import("./torch");

const SIZES = { train: 300, test: 100 };
const open: Engine[] = [];
afterEach(async () => {
  for (const e of open.splice(0)) await e.close();
  drawn.length = 0;
});

describe.each([
  ["tfjs", () => createTfjsEngine({ backend: "cpu", sizes: SIZES })],
  ["torch", () => createTorchEngine({ device: "cpu", sizes: SIZES })],
] as const)("the %s engine's ps10-noise data", (_name, create) => {
  it("is the same for every run seed (the fixed data seed), so seeds differ only in training", async () => {
    for (const seed of [1, 2]) {
      const e = create();
      open.push(e);
      await e.setup({ taskId: "ps10-noise", tier: "smoke", seed });
    }
    expect(drawn).toHaveLength(2);
    const [a, b] = drawn;
    expect(b.config.seed).toBe(a.config.seed);
    expect(b.train.inputs).toEqual(a.train.inputs);
    expect(b.train.labels).toEqual(a.train.labels);
    expect(b.test.inputs).toEqual(a.test.inputs);
  }, 60_000);
});

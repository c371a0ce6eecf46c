import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RunLogParseError } from "./errors";
import { parseRunLog } from "./parse";
import { fixture } from "./test-helpers";
import { RUN_LOG_FORMATS, type ParsedRunLog, type RunLogFormat } from "./types";

const VALID = [
  "lrbench-native.json",
  "hf-trainer.jsonl",
  "epochs-nested.jsonl",
  "keras-cifar10.csv",
  "lightning-metrics.csv",
  "generic-quoted.csv",
  "semicolon-decimal-comma.csv",
  "dawnbench-resnet.tsv",
  "mlperf-resnet.log",
  "events.out.tfevents.1700000000.pytorch",
  "events.out.tfevents.1700000000.tf2",
  "lightning-lr-monitor.csv",
  "mlperf-maskrcnn.log",
  "mlperf-stable-diffusion.log",
  "mlperf-bert-time.log",
  "mlperf-dlrm.log",
  "detectron2-metrics.json",
  "wandb-history.csv",
  "wandb-history.jsonl",
  "mlflow-run.zip",
].map((name) => fixture(name));

// FUZZ_RUNS=20000 for a longer hunt; the default keeps the suite fast.
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

const FORMATS: (RunLogFormat | undefined)[] = [undefined, ...RUN_LOG_FORMATS];

/** Parses and checks the result's shape; only RunLogParseError may escape. */
function parsesOrRejects(data: Uint8Array | string, format: RunLogFormat | undefined): void {
  let log: ParsedRunLog;
  try {
    log = parseRunLog(data, { format });
  } catch (error) {
    if (!(error instanceof RunLogParseError)) throw error;
    expect(error.message.length).toBeGreaterThan(0);
    return;
  }
  expect(RUN_LOG_FORMATS).toContain(log.format);
  expect(["epoch", "step", "samples", "time"]).toContain(log.xAxis);
  for (const points of Object.values(log.series)) {
    expect(points.length).toBeGreaterThan(0);
    for (let i = 0; i < points.length; i++) {
      expect(Number.isFinite(points[i][0])).toBe(true);
      expect(typeof points[i][1]).toBe("number");
      if (i > 0) expect(points[i][0]).toBeGreaterThan(points[i - 1][0]);
    }
  }
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), bits: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 8 }) }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), count: fc.integer({ min: 1, max: 16 }) }),
);

type Mutation = { kind: string; at: number; bits?: number; bytes?: Uint8Array; count?: number };

function mutate(source: Uint8Array, steps: Mutation[]): Uint8Array {
  let data = source.slice();
  for (const step of steps) {
    const at = data.length === 0 ? 0 : step.at % data.length;
    if (step.kind === "truncate") data = data.slice(0, at);
    else if (step.kind === "flip" && data.length > 0) data[at] ^= step.bits!;
    else if (step.kind === "insert") data = new Uint8Array([...data.subarray(0, at), ...step.bytes!, ...data.subarray(at)]);
    else if (step.kind === "delete") data = new Uint8Array([...data.subarray(0, at), ...data.subarray(at + step.count!)]);
  }
  return data;
}

describe("robustness (property tests)", () => {
  it("every valid fixture parses under auto-detection", () => {
    for (const data of VALID) expect(() => parseRunLog(data)).not.toThrow();
  });

  it.each(FORMATS.map((f) => [f ?? "auto-detect", f] as const))("random bytes: %s throws only RunLogParseError", (_, format) => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => parsesOrRejects(bytes, format)),
      { numRuns: RUNS },
    );
  });

  it.each(FORMATS.map((f) => [f ?? "auto-detect", f] as const))("random text: %s throws only RunLogParseError", (_, format) => {
    const alphabet = fc.constantFrom(..."epoch,step\t;\"{}[]:\n\r 0123456789.-eE+naifINFval_acclosslr:::MLLOG ".split(""));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 300 }), (chars) => parsesOrRejects(chars.join(""), format)),
      { numRuns: RUNS },
    );
  });

  it.each(FORMATS.map((f) => [f ?? "auto-detect", f] as const))(
    "mutated fixtures (truncation, byte flips, insertions, deletions): %s throws only RunLogParseError",
    (_, format) => {
      fc.assert(
        fc.property(fc.constantFrom(...VALID), fc.array(mutation, { minLength: 1, maxLength: 4 }), (source, steps) => {
          parsesOrRejects(mutate(source, steps), format);
        }),
        { numRuns: RUNS },
      );
    },
  );

  it("hostile shapes: deep nesting, huge lengths, long lines", () => {
    parsesOrRejects(`{"format":"lrbench",${"[".repeat(100_000)}`, undefined);
    parsesOrRejects(`${'{"a":'.repeat(50_000)}1`, "jsonl");
    const hugeLength = new Uint8Array(16);
    new DataView(hugeLength.buffer).setBigUint64(0, 0xffffffffffffffffn, true);
    parsesOrRejects(hugeLength, "tensorboard");
    parsesOrRejects(`epoch,loss\n${"1".repeat(1_000_000)},2\n`, undefined);
  });
});

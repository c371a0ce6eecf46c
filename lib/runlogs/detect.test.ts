import { describe, expect, it } from "vitest";
import { detectFormat } from "./detect";
import { parseRunLog } from "./parse";
import { RUN_LOG_FORMATS } from "./types";
import { fixture, parseError } from "./test-helpers";

const FIXTURES: [string, string][] = [
  ["lrbench-native.json", "lrbench-json"],
  ["hf-trainer.jsonl", "jsonl"],
  ["bad-line.jsonl", "jsonl"],
  ["keras-cifar10.csv", "keras-csv"],
  ["lightning-metrics.csv", "lightning-csv"],
  ["generic-quoted.csv", "csv"],
  ["semicolon-decimal-comma.csv", "csv"],
  ["dawnbench-resnet.tsv", "dawnbench"],
  ["mlperf-resnet.log", "mllog"],
  ["events.out.tfevents.1700000000.pytorch", "tensorboard"],
];

describe("detectFormat", () => {
  it.each(FIXTURES)("%s is %s by content alone", (name, format) => {
    expect(detectFormat(fixture(name))).toBe(format);
  });

  it("detects from a string as well as bytes, UTF-8 BOM and UTF-16 included", () => {
    expect(detectFormat("\ufeffepoch,loss,val_loss\n0,1,2\n")).toBe("keras-csv");
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from("step,loss\n1,2\n").flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(detectFormat(utf16)).toBe("csv");
    expect(parseRunLog(utf16).series.train_loss).toEqual([[1, 2]]);
  });

  it("finds MLLOG lines among other output", () => {
    expect(detectFormat('warming up\nrank0: :::MLLOG {"key": "x", "value": 1}\n')).toBe("mllog");
  });

  it("uses the filename only as a hint", () => {
    const damaged = fixture("events.out.tfevents.1700000000.pytorch").slice(5);
    expect(detectFormat(damaged)).toBeUndefined();
    expect(detectFormat(damaged, "logs/train/events.out.tfevents.1700000000.host")).toBe("tensorboard");
    expect(detectFormat("epoch,loss\n1,2\n", "events.out.tfevents.x")).toBe("tensorboard");
    expect(detectFormat("a,b\n1,2\n", "run.csv")).toBe("csv");
    expect(detectFormat("a,b\n1,2\n")).toBeUndefined();
  });

  it("rejects what it cannot recognise, listing the formats", () => {
    const error = parseError(() => parseRunLog(new Uint8Array([0, 1, 2, 3, 250, 251])));
    expect(error.format).toBe("unknown");
    expect(error.message).toBe(`could not recognise the format; expected one of ${RUN_LOG_FORMATS.join(", ")}`);
    expect(parseError(() => parseRunLog("")).format).toBe("unknown");
  });

  it("parses as the format given, even against the content", () => {
    expect(parseRunLog("epoch,loss\n0,1\n", { format: "csv" }).format).toBe("csv");
    expect(parseError(() => parseRunLog("epoch,loss\n0,1\n", { format: "tensorboard" })).message).toMatch(/^tensorboard: record 1: /);
    expect(parseError(() => parseRunLog("x", { format: "nope" as never })).message).toMatch(/^unknown format 'nope'/);
  });
});

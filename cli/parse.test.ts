import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../tests/helpers/cli";

const FIXTURES = fileURLToPath(new URL("../lib/runlogs/fixtures/", import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), "lrbench-parse-"));

describe("lrbench parse", () => {
  it("prints the normalised log of a Keras CSV", async () => {
    const { code, stdout, stderr } = await runCli(["parse", path.join(FIXTURES, "keras-cifar10.csv")]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.format).toBe("keras-csv");
    expect(out.xAxis).toBe("epoch");
    expect(out.series.test_acc).toEqual([
      [0, 0.4875],
      [1, 0.5933],
      [2, 0.6712],
      [3, 0.704],
    ]);
  });

  it("reads a binary TensorBoard file whatever it is called", async () => {
    const renamed = path.join(dir, "upload.bin");
    copyFileSync(path.join(FIXTURES, "events.out.tfevents.1700000000.tf2"), renamed);
    const { code, stdout } = await runCli(["parse", renamed]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ format: "tensorboard", xAxis: "step", series: { lr: [[0, 0.01], [1, 0.005]] } });
  });

  it("writes NaN and Infinity as null", async () => {
    const { code, stdout } = await runCli(["parse", path.join(FIXTURES, "keras-diverged.csv")]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).series.train_loss).toEqual([
      [0, 2.3],
      [1, null],
      [2, null],
    ]);
  });

  it("reads standard input with - and honours --format", async () => {
    const { code, stdout } = await runCli(["parse", "-", "--format", "csv"], "epoch,loss\n1,0.5\n");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ file: "-", format: "csv", xAxis: "epoch", series: { train_loss: [[1, 0.5]] } });
  });

  it("prints one line of JSON per file, in order, with what the format says about its metrics", async () => {
    const files = ["keras-cifar10.csv", "mlperf-rnnt.log", "mlflow-run.zip"].map((name) => path.join(FIXTURES, name));
    const { code, stdout, stderr } = await runCli(["parse", ...files]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n").map((line) => JSON.parse(line));
    expect(lines.map((l) => [l.file, l.format])).toEqual([
      [files[0], "keras-csv"],
      [files[1], "mllog"],
      [files[2], "mlflow"],
    ]);
    expect(lines[1].metrics).toEqual({ eval_wer: { direction: "min", isAccuracy: false } });
    expect(lines[0]).not.toHaveProperty("metrics");
  });

  it("reads an MLflow run folder", async () => {
    const { code, stdout } = await runCli(["parse", path.join(FIXTURES, "mlflow-run")]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ format: "mlflow", xAxis: "step", series: { test_acc: [[0, 0.41], [1, 0.52], [2, 0.6]] } });
  });

  it("still prints the files it can read when another fails, and exits 1 naming each failure", async () => {
    const good = path.join(FIXTURES, "keras-cifar10.csv");
    const bad = path.join(FIXTURES, "keras-bad-number.csv");
    const missing = path.join(dir, "gone.csv");
    const { code, stdout, stderr } = await runCli(["parse", bad, good, missing]);
    expect(code).toBe(1);
    expect(stdout.trimEnd().split("\n").map((line) => JSON.parse(line).file)).toEqual([good]);
    expect(stderr).toBe(`lrbench: ${bad}: keras-csv: line 3, column 'val_accuracy': 'abc' is not a number\nlrbench: cannot read ${missing}: no such file\n`);
  });

  it("exits 1 with the parse error on stderr and nothing on stdout", async () => {
    const file = path.join(FIXTURES, "keras-bad-number.csv");
    const { code, stdout, stderr } = await runCli(["parse", file]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(`lrbench: ${file}: keras-csv: line 3, column 'val_accuracy': 'abc' is not a number\n`);

    const tb = await runCli(["parse", path.join(FIXTURES, "events.out.tfevents.bad-crc")]);
    expect(tb.code).toBe(1);
    expect(tb.stdout).toBe("");
    expect(tb.stderr).toContain("tensorboard: record 3: CRC of the data does not match (corrupt or truncated file)");
  });

  it("explains an unrecognised file, a missing file and an unknown --format", async () => {
    const junk = path.join(dir, "junk.txt");
    writeFileSync(junk, "hello world\n");
    const unknown = await runCli(["parse", junk]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("could not recognise the format; expected one of lrbench-json, jsonl,");

    const missing = await runCli(["parse", path.join(dir, "nope.csv")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no such file");

    const badFormat = await runCli(["parse", junk, "--format", "excel"]);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stdout).toBe("");
    expect(badFormat.stderr).toMatch(/Allowed choices are lrbench-json, jsonl/);
  });

  it("has --help", async () => {
    const { code, stdout: out } = await runCli(["parse", "--help"]);
    expect(code).toBe(0);
    expect(out).toContain("Usage: lrbench parse [options] <file...>");
    expect(out).toContain("--format <name>");
    expect(out).toContain("written as null");
  });
});

import { describe, expect, it } from "vitest";
import { parseRunLog } from "./parse";
import { fixture, parseError } from "./test-helpers";

describe("lrbench-json", () => {
  it("reads the native format, sorts points and turns null into NaN", () => {
    const log = parseRunLog(fixture("lrbench-native.json"));
    expect(log).toEqual({
      format: "lrbench-json",
      xAxis: "epoch",
      series: {
        train_loss: [
          [0, 2.3],
          [1, 1.9],
          [2, NaN],
        ],
        test_acc: [
          [0, 0.3],
          [1, 0.41],
        ],
        lr: [
          [0, 0.1],
          [1, 0.1],
          [2, 0.01],
        ],
      },
    });
  });

  it("names the path of a bad point", () => {
    const error = parseError(() => parseRunLog(fixture("lrbench-bad.json")));
    expect(error.message).toBe("lrbench-json: series.test_acc[3][1]: expected a number or null");
    expect(error.format).toBe("lrbench-json");
  });

  it("names a wrong version, xAxis or a JSON syntax error's line", () => {
    const base = { format: "lrbench", version: 1, xAxis: "epoch", series: { lr: [[0, 0.1]] } };
    expect(parseError(() => parseRunLog(JSON.stringify({ ...base, version: 2 }))).message).toMatch(/^lrbench-json: version: /);
    expect(parseError(() => parseRunLog(JSON.stringify({ ...base, xAxis: "hours" }))).message).toMatch(/^lrbench-json: xAxis: /);
    const syntax = parseError(() => parseRunLog('{"format": "lrbench",\n "version": 1,\n "xAxis": epoch}'));
    expect(syntax.line).toBe(3);
    expect(syntax.message).toMatch(/^lrbench-json: line 3: invalid JSON/);
  });
});

describe("jsonl", () => {
  it("reads Hugging Face Trainer logs on the step axis, NaN and Infinity included", () => {
    const log = parseRunLog(fixture("hf-trainer.jsonl"));
    expect(log.format).toBe("jsonl");
    expect(log.xAxis).toBe("step");
    expect(log.series).toEqual({
      train_loss: [
        [100, 2.25],
        [200, 1.75],
        [300, NaN],
      ],
      lr: [
        [100, 5e-5],
        [200, 2.5e-5],
        [300, 1e-5],
      ],
      test_loss: [[200, 1.5]],
      test_acc: [[200, 0.625]],
      grad_norm: [[300, Infinity]],
    });
  });

  it("flattens nested objects, converts percent and makes Unix times relative", () => {
    const log = parseRunLog(fixture("epochs-nested.jsonl"));
    expect(log.xAxis).toBe("epoch");
    expect(log.series.train_acc).toEqual([
      [1, 0.555],
      [2, 0.7025],
    ]);
    expect(log.series.test_loss).toEqual([
      [1, 1],
      [2, 0.8],
    ]);
    expect(log.series.wall_time).toEqual([
      [1, 0],
      [2, 60],
    ]);
  });

  it("names the bad line (blank lines still count)", () => {
    const error = parseError(() => parseRunLog(fixture("bad-line.jsonl")));
    expect(error.line).toBe(4);
    expect(error.message).toBe("jsonl: line 4: invalid JSON: expected a quoted key, found '}'");
  });

  it("requires the x field on every record", () => {
    const error = parseError(() => parseRunLog('{"epoch": 1, "loss": 1}\n{"loss": 0.5}\n'));
    expect(error.message).toBe("jsonl: line 2: the record has no 'epoch' field");
  });
});

describe("keras-csv", () => {
  it("reads CSVLogger output with 0-based epochs", () => {
    const log = parseRunLog(fixture("keras-cifar10.csv"));
    expect(log.format).toBe("keras-csv");
    expect(log.xAxis).toBe("epoch");
    expect(Object.keys(log.series).sort()).toEqual(["lr", "test_acc", "test_loss", "train_acc", "train_loss"]);
    expect(log.series.train_acc[0]).toEqual([0, 0.4012]);
    expect(log.series.test_loss[3]).toEqual([3, 0.861]);
    expect(log.series.lr.map(([, v]) => v)).toEqual([0.1, 0.1, 0.05, 0.025]);
  });

  it("names line and column of a bad cell", () => {
    const error = parseError(() => parseRunLog(fixture("keras-bad-number.csv")));
    expect(error.message).toBe("keras-csv: line 3, column 'val_accuracy': 'abc' is not a number");
    expect(error).toMatchObject({ format: "keras-csv", line: 3, column: "val_accuracy" });
  });

  it("keeps nan and inf, and NA as absent", () => {
    const log = parseRunLog(fixture("keras-diverged.csv"));
    expect(log.series.train_loss).toEqual([
      [0, 2.3],
      [1, NaN],
      [2, Infinity],
    ]);
    expect(log.series.test_loss).toEqual([
      [0, 2.2],
      [2, NaN],
    ]);
  });
});

describe("lightning-csv", () => {
  it("uses the epoch axis when epoch-level metrics exist and leaves out step duplicates", () => {
    const log = parseRunLog(fixture("lightning-metrics.csv"));
    expect(log.format).toBe("lightning-csv");
    expect(log.xAxis).toBe("epoch");
    expect(log.series).toEqual({
      // step-level lr-SGD has no epoch-level twin: reduced to its mean per epoch
      lr: [
        [0, 0.1],
        [1, 0.05],
      ],
      train_loss: [
        [0, 2.0],
        [1, 1.3],
      ],
      test_acc: [
        [0, 0.45],
        [1, 0.6],
      ],
      test_loss: [
        [0, 1.5],
        [1, 1.1],
      ],
    });
  });

  it("uses the step axis when every metric is step-level; keeps only the first param group as lr", () => {
    const log = parseRunLog(fixture("lightning-steps.csv"));
    expect(log.xAxis).toBe("step");
    expect(log.series.train_loss).toEqual([
      [9, 2.5],
      [19, 2.25],
      [29, 2],
    ]);
    expect(log.series.lr).toEqual([
      [9, 0.001],
      [19, 0.001],
      [29, 0.0005],
    ]);
    expect(log.series["lr-adam/pg2"]).toHaveLength(3);
  });

  it("averages a step-level train_loss per epoch when there is no train_loss_epoch", () => {
    const csv = "epoch,step,train_loss,val_loss\n0,0,4,\n0,1,2,\n0,1,,1.5\n1,2,1,\n1,3,NaN,\n1,3,,1.2\n";
    expect(parseRunLog(csv).series).toEqual({
      train_loss: [
        [0, 3],
        [1, NaN],
      ],
      test_loss: [
        [0, 1.5],
        [1, 1.2],
      ],
    });
  });
});

describe("csv", () => {
  it("reads quoted cells (RFC 4180), skips text columns, converts a percent column", () => {
    const log = parseRunLog(fixture("generic-quoted.csv"));
    expect(log.format).toBe("csv");
    expect(log.xAxis).toBe("step");
    expect(log.series).toEqual({
      train_loss: [
        [100, 2.5],
        [200, 1.75],
        [300, 1.5],
      ],
      test_acc: [
        [100, 0.105],
        [200, 0.3525],
        [300, 0.52],
      ],
    });
  });

  it("reads semicolon tables with decimal commas and tab-separated tables", () => {
    expect(parseRunLog(fixture("semicolon-decimal-comma.csv")).series.train_loss).toEqual([
      [10, 2.5],
      [20, 1.5],
    ]);
    const tsv = parseRunLog("ITER\tval_loss\tval_top5\n1\t0.5\t0.9\n");
    expect(tsv.series).toEqual({ test_loss: [[1, 0.5]], test_acc_top5: [[1, 0.9]] });
  });

  it("names the line of a ragged row", () => {
    const error = parseError(() => parseRunLog(fixture("ragged.csv")));
    expect(error.message).toBe("csv: line 3: expected 3 cells as in the header, found 4");
  });

  it("keeps an elapsed-time column as wall_time seconds and rejects mixed percent", () => {
    expect(parseRunLog(fixture("percent-rise.csv")).series.wall_time).toEqual([
      [1, 30.5],
      [2, 61],
      [3, 92],
    ]);
    const error = parseError(() => parseRunLog(fixture("mixed-percent.csv")));
    expect(error).toMatchObject({ format: "csv", line: 4, column: "val_acc" });
    expect(error.message).toContain("mixes percent and fraction values");
  });

  it("names an unclosed quote, a missing x column and an empty x cell", () => {
    expect(parseError(() => parseRunLog('epoch,loss\n1,"2\n', { format: "csv" })).message).toBe("csv: line 2: a quoted cell is never closed");
    expect(parseError(() => parseRunLog("time,loss\n1,2\n", { format: "csv" })).message).toMatch(/^csv: line 1: the header has no epoch or step column/);
    expect(parseError(() => parseRunLog("step,loss\n,2\n")).message).toBe("csv: line 2, column 'step': the x value is empty");
  });

  it("keeps the last value when an x repeats (a resumed run)", () => {
    expect(parseRunLog("epoch,train_loss\n0,3\n1,2\n1,1.5\n").series.train_loss).toEqual([
      [0, 3],
      [1, 1.5],
    ]);
  });
});

describe("dawnbench", () => {
  it("reads percent accuracies as fractions and hours as seconds", () => {
    const log = parseRunLog(fixture("dawnbench-resnet.tsv"));
    expect(log).toEqual({
      format: "dawnbench",
      xAxis: "epoch",
      series: {
        test_acc: [
          [1, 0.352],
          [2, 0.489],
          [35, 0.931],
        ],
        test_acc_top5: [
          [1, 0.614],
          [2, 0.75],
          [35, 0.992],
        ],
        wall_time: [
          [1, 180],
          [2, 360],
          [35, 9000],
        ],
      },
    });
  });
});

describe("mllog", () => {
  it("maps MLPerf keys, ignores other lines and times from the first record", () => {
    const log = parseRunLog(fixture("mlperf-resnet.log"));
    expect(log).toEqual({
      format: "mllog",
      xAxis: "epoch",
      series: {
        lr: [[1, 8.5]],
        wall_time: [
          [1, 100],
          [2, 160],
        ],
        train_loss: [
          [1, 5.125],
          [2, 3.5],
        ],
        test_acc: [
          [1, 0.25],
          [2, 0.5],
        ],
      },
    });
  });

  it("names the line of malformed JSON", () => {
    const error = parseError(() => parseRunLog(fixture("mlperf-bad.log")));
    expect(error.line).toBe(3);
    expect(error.message).toBe("mllog: line 3: invalid JSON after :::MLLOG: expected ',' or '}' in an object, found end of input");
  });

  it("uses step_num on a step axis when no epoch is logged", () => {
    const text = [
      ':::MLLOG {"time_ms": 1000, "key": "train_loss", "value": 2.0, "metadata": {"step_num": 10}}',
      ':::MLLOG {"time_ms": 3000, "key": "eval_accuracy", "value": 0.5, "metadata": {"step_num": 20}}',
    ].join("\n");
    expect(parseRunLog(text)).toEqual({
      format: "mllog",
      xAxis: "step",
      series: {
        train_loss: [[10, 2]],
        wall_time: [
          [10, 0],
          [20, 2],
        ],
        test_acc: [[20, 0.5]],
      },
    });
  });
});

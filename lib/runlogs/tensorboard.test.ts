import { describe, expect, it } from "vitest";
import { crc32c, maskCrc } from "./crc32c";
import { fixtureFiles } from "./fixtures/tfevents-fixtures";
import { parseRunLog } from "./parse";
import { fixture, parseError } from "./test-helpers";
import { encodeEventFile, frameRecord, imageValue } from "./tfevents-writer";

describe("CRC-32C", () => {
  it("matches the standard check value and TFRecord's mask", () => {
    expect(crc32c(new TextEncoder().encode("123456789"))).toBe(0xe3069283);
    // The length header of a 24-byte record, as every TensorBoard file starts: 18 00.. a3 7f 4b 22.
    const length = new Uint8Array([0x18, 0, 0, 0, 0, 0, 0, 0]);
    expect(maskCrc(crc32c(length))).toBe(0x224b7fa3);
  });
});

describe("tensorboard", () => {
  it("committed fixtures match the encoder", () => {
    for (const [name, bytes] of Object.entries(fixtureFiles())) expect(fixture(name), name).toEqual(bytes);
  });

  it("reads simple_value scalars (PyTorch SummaryWriter), skips images, wall_time from the first record", () => {
    const log = parseRunLog(fixture("events.out.tfevents.1700000000.pytorch"));
    expect(log).toEqual({
      format: "tensorboard",
      xAxis: "step",
      series: {
        train_loss: [
          [0, 2.5],
          [100, 1.5],
          [200, 1],
        ],
        wall_time: [
          [0, 11],
          [100, 21],
          [200, 40],
        ],
        lr: [
          [0, 0.1],
          [100, 0.05],
          [200, 0.025],
        ],
        test_acc: [[200, 0.625]],
      },
    });
  });

  it("reads TF2 scalar tensors: packed and unpacked float_val, tensor_content, double_val", () => {
    const log = parseRunLog(fixture("events.out.tfevents.1700000000.tf2"));
    expect(log.series).toEqual({
      train_loss: [
        [0, 1.25],
        [1, 0.75],
      ],
      wall_time: [
        [0, 6],
        [1, 10],
      ],
      train_acc: [
        [0, 0.5],
        [1, 0.75],
      ],
      lr: [
        [0, 0.01],
        [1, 0.005],
      ],
    });
  });

  it("names the record with a bad CRC and the truncated record", () => {
    const bad = parseError(() => parseRunLog(fixture("events.out.tfevents.bad-crc")));
    expect(bad.message).toBe("tensorboard: record 3: CRC of the data does not match (corrupt or truncated file)");
    expect(bad.record).toBe(3);
    const truncated = parseError(() => parseRunLog(fixture("events.out.tfevents.truncated")));
    expect(truncated.record).toBe(8);
    expect(truncated.message).toMatch(/^tensorboard: record 8: .*truncated file/);
  });

  it("detects a header cut short and a bad length CRC", () => {
    const file = encodeEventFile([{ wallTime: 1, step: 0, scalars: [{ tag: "loss", value: 1 }] }]);
    const cut = new Uint8Array([...file, 1, 2, 3]);
    expect(parseError(() => parseRunLog(cut)).message).toBe(
      "tensorboard: record 2: the file ends inside the record's length header (truncated file)",
    );
    const flipped = file.slice();
    flipped[0] ^= 1;
    expect(parseError(() => parseRunLog(flipped, { filename: "events.out.tfevents.1" })).message).toMatch(
      /^tensorboard: record 1: CRC of the length does not match/,
    );
  });

  it("keeps NaN and negative steps, and the last value of a repeated step", () => {
    const file = encodeEventFile([
      { wallTime: 100, step: -1, scalars: [{ tag: "loss", value: 3 }] },
      { wallTime: 101, step: 5, scalars: [{ tag: "loss", value: NaN, encoding: "tensor-content" }] },
      { wallTime: 102, step: 5, scalars: [{ tag: "loss", value: 2, encoding: "tensor-float-val" }] },
      { wallTime: 103, step: 7, scalars: [{ tag: "loss", value: Infinity }] },
    ]);
    expect(parseRunLog(file).series.train_loss).toEqual([
      [-1, 3],
      [5, 2],
      [7, Infinity],
    ]);
  });

  it("rejects a record that is not an Event, naming it", () => {
    const garbage = frameRecord(new Uint8Array([0x0a, 0xff, 0xff, 0xff]));
    const file = new Uint8Array([...encodeEventFile([{ wallTime: 1, step: 0 }]), ...garbage]);
    expect(parseError(() => parseRunLog(file)).message).toBe("tensorboard: record 2: not a valid Event: message ends inside a varint");
  });

  it("says so when there are no scalars", () => {
    const file = encodeEventFile([{ wallTime: 1, step: 0, fileVersion: "brain.Event:2", rawValues: [imageValue("img")] }]);
    expect(parseError(() => parseRunLog(file)).message).toBe("tensorboard: no metric values found in the file");
  });

  it("accepts the file as a latin1 string", () => {
    const bytes = fixture("events.out.tfevents.1700000000.tf2");
    const latin1 = String.fromCharCode(...bytes);
    expect(parseRunLog(latin1, { format: "tensorboard" }).series.lr).toEqual([
      [0, 0.01],
      [1, 0.005],
    ]);
  });
});

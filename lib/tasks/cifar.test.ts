import { describe, expect, it } from "vitest";
import { CIFAR_RECORD_BYTES, parseCifarRecords } from "./cifar";

describe("parseCifarRecords", () => {
  it("reads labels and scales the R, G, B planes to [0, 1]", () => {
    const bytes = new Uint8Array(2 * CIFAR_RECORD_BYTES);
    bytes[0] = 3;
    bytes[1] = 255;
    bytes[1 + 1024] = 51;
    bytes[CIFAR_RECORD_BYTES] = 9;
    const parsed = parseCifarRecords(bytes, 10);
    expect(parsed.n).toBe(2);
    expect([...parsed.labels]).toEqual([3, 9]);
    expect(parsed.images[0]).toBe(1);
    expect(parsed.images[1024]).toBeCloseTo(0.2, 7);
    expect(parseCifarRecords(bytes, 1).n).toBe(1);
  });

  it("names a truncated file and an impossible label", () => {
    expect(() => parseCifarRecords(new Uint8Array(100), 1, "test_batch.bin")).toThrow("test_batch.bin: 100 bytes is not a whole number of 3073-byte CIFAR-10 records");
    const bad = new Uint8Array(CIFAR_RECORD_BYTES);
    bad[0] = 12;
    expect(() => parseCifarRecords(bad, 1)).toThrow("record 0 has label 12");
  });
});

/**
 * Test support: writes TensorBoard event files the way TF1/PyTorch (simple_value) and TF2 (scalar
 * tensors) do, to build fixtures. Not used by the parsers.
 */
import { bytesField, float32, float64, key, text, varintField } from "../protobuf-writer";
import { crc32c, maskCrc } from "./crc32c";

export type ScalarEncoding = "simple" | "tensor-float-val" | "tensor-float-unpacked" | "tensor-content" | "tensor-double";

export interface EventSpec {
  wallTime?: number;
  step?: number;
  fileVersion?: string;
  scalars?: { tag: string; value: number; encoding?: ScalarEncoding }[];
  /** Extra Summary.Value bytes, e.g. an image, to check they are skipped. */
  rawValues?: Uint8Array[];
}

function scalarTensor(value: number, encoding: ScalarEncoding): number[] {
  const shape = bytesField(2, []);
  if (encoding === "tensor-double") return [...varintField(1, 2), ...shape, ...bytesField(6, float64(value))];
  if (encoding === "tensor-content") return [...varintField(1, 1), ...shape, ...bytesField(4, float32(value))];
  if (encoding === "tensor-float-unpacked") return [...varintField(1, 1), ...shape, ...key(5, 5), ...float32(value)];
  return [...varintField(1, 1), ...shape, ...bytesField(5, float32(value))];
}

export function encodeEvent(spec: EventSpec): Uint8Array {
  const out: number[] = [];
  if (spec.wallTime !== undefined) out.push(...key(1, 1), ...float64(spec.wallTime));
  if (spec.step !== undefined) out.push(...varintField(2, spec.step));
  if (spec.fileVersion !== undefined) out.push(...bytesField(3, text(spec.fileVersion)));
  if (spec.scalars || spec.rawValues) {
    const summary: number[] = [];
    for (const { tag, value, encoding = "simple" } of spec.scalars ?? []) {
      const body =
        encoding === "simple"
          ? [...bytesField(1, text(tag)), ...key(2, 5), ...float32(value)]
          : [...bytesField(1, text(tag)), ...bytesField(9, bytesField(1, bytesField(1, text("scalars")))), ...bytesField(8, scalarTensor(value, encoding))];
      summary.push(...bytesField(1, body));
    }
    for (const raw of spec.rawValues ?? []) summary.push(...bytesField(1, raw));
    out.push(...bytesField(5, summary));
  }
  return Uint8Array.from(out);
}

export function frameRecord(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length + 4);
  const dv = new DataView(out.buffer);
  dv.setBigUint64(0, BigInt(data.length), true);
  dv.setUint32(8, maskCrc(crc32c(out, 0, 8)), true);
  out.set(data, 12);
  dv.setUint32(12 + data.length, maskCrc(crc32c(data)), true);
  return out;
}

export function encodeEventFile(events: EventSpec[]): Uint8Array {
  const records = events.map((e) => frameRecord(encodeEvent(e)));
  const out = new Uint8Array(records.reduce((n, r) => n + r.length, 0));
  let pos = 0;
  for (const r of records) {
    out.set(r, pos);
    pos += r.length;
  }
  return out;
}

/** An image summary value (tag + image field 4), which the parser must skip. */
export function imageValue(tag: string): Uint8Array {
  return Uint8Array.from([...bytesField(1, text(tag)), ...bytesField(4, [...varintField(1, 1), ...varintField(2, 1)])]);
}

/**
 * Just enough protobuf wire format to read TensorBoard events and check ONNX models: fields are read
 * in order and unknown ones skipped. Every read is bounds-checked and throws ProtobufError, never a
 * RangeError.
 */
export class ProtobufError extends Error {}

export const WireType = { Varint: 0, Fixed64: 1, Bytes: 2, Fixed32: 5 } as const;
export type WireType = (typeof WireType)[keyof typeof WireType];

export interface Field {
  number: number;
  wireType: WireType;
  /** Varint as a BigInt, to keep int64 steps exact. */
  varint?: bigint;
  /** The field's bytes for Bytes, Fixed32 and Fixed64. */
  bytes?: Uint8Array;
}

/** The varint at `pos`, and where the next value starts. */
function varintAt(buffer: Uint8Array, pos: number): { value: bigint; next: number } {
  let result = 0n;
  for (let shift = 0n; shift < 70n; shift += 7n) {
    if (pos >= buffer.length) throw new ProtobufError("message ends inside a varint");
    const byte = buffer[pos++];
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return { value: BigInt.asUintN(64, result), next: pos };
  }
  throw new ProtobufError("varint longer than 10 bytes");
}

/** The values of a packed repeated varint field (int32, int64, uint64, enums). */
export function packedVarints(bytes: Uint8Array): bigint[] {
  const values: bigint[] = [];
  for (let pos = 0; pos < bytes.length; ) {
    const { value, next } = varintAt(bytes, pos);
    values.push(value);
    pos = next;
  }
  return values;
}

export function* fields(buffer: Uint8Array): Generator<Field> {
  let pos = 0;
  const varint = (): bigint => {
    const { value, next } = varintAt(buffer, pos);
    pos = next;
    return value;
  };
  const take = (length: number): Uint8Array => {
    if (length > buffer.length - pos) throw new ProtobufError("message ends inside a field");
    const bytes = buffer.subarray(pos, pos + length);
    pos += length;
    return bytes;
  };
  while (pos < buffer.length) {
    const key = varint();
    const number = Number(key >> 3n);
    const wireType = Number(key & 7n) as WireType;
    if (number === 0) throw new ProtobufError("field number 0");
    if (wireType === WireType.Varint) yield { number, wireType, varint: varint() };
    else if (wireType === WireType.Fixed64) yield { number, wireType, bytes: take(8) };
    else if (wireType === WireType.Fixed32) yield { number, wireType, bytes: take(4) };
    else if (wireType === WireType.Bytes) {
      const length = varint();
      if (length > BigInt(buffer.length - pos)) throw new ProtobufError("message ends inside a field");
      yield { number, wireType, bytes: take(Number(length)) };
    } else throw new ProtobufError(`unsupported wire type ${wireType as number}`);
  }
}

export function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function readDouble(field: Field): number | undefined {
  return field.wireType === WireType.Fixed64 && field.bytes ? view(field.bytes).getFloat64(0, true) : undefined;
}

export function readFloat(field: Field): number | undefined {
  return field.wireType === WireType.Fixed32 && field.bytes ? shortestFloat32(view(field.bytes).getFloat32(0, true)) : undefined;
}

/**
 * The shortest decimal that is the same float32: a logged 0.1 reads back as 0.1, as TensorBoard shows
 * it, not as 0.10000000149011612.
 */
export function shortestFloat32(value: number): number {
  if (!Number.isFinite(value)) return value;
  for (let digits = 1; digits < 10; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === value) return candidate;
  }
  return value;
}

export function readInt64(field: Field): number | undefined {
  return field.wireType === WireType.Varint && field.varint !== undefined ? Number(BigInt.asIntN(64, field.varint)) : undefined;
}

export function readString(field: Field): string | undefined {
  return field.wireType === WireType.Bytes && field.bytes ? new TextDecoder().decode(field.bytes) : undefined;
}

/** A repeated float or double field, packed (one Bytes field) or not (one fixed field per value). */
export function readRepeated(field: Field, width: 4 | 8): number[] {
  if (field.wireType === WireType.Bytes && field.bytes) {
    if (field.bytes.length % width !== 0) throw new ProtobufError("packed values of the wrong length");
    return littleEndianFloats(field.bytes, width);
  }
  const one = width === 4 ? readFloat(field) : readDouble(field);
  return one === undefined ? [] : [one];
}

export function littleEndianFloats(bytes: Uint8Array, width: 4 | 8): number[] {
  const data = view(bytes);
  const values: number[] = [];
  for (let i = 0; i + width <= bytes.length; i += width) {
    values.push(width === 4 ? shortestFloat32(data.getFloat32(i, true)) : data.getFloat64(i, true));
  }
  return values;
}

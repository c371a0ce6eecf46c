/**
 * Test support: protobuf wire-format encoders for building fixtures (TensorBoard events, ONNX models)
 * byte by byte. Not used by the readers.
 */
export function varint(value: bigint | number): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return out;
}

export const key = (field: number, wire: number) => varint((field << 3) | wire);
export const bytesField = (field: number, data: ArrayLike<number>) => [...key(field, 2), ...varint(data.length), ...Array.from(data)];
export const varintField = (field: number, value: number | bigint) => [...key(field, 0), ...varint(value)];
export const float32 = (v: number) => Array.from(new Uint8Array(new Float32Array([v]).buffer));
export const float64 = (v: number) => Array.from(new Uint8Array(new Float64Array([v]).buffer));
export const text = (s: string) => Array.from(new TextEncoder().encode(s));

/**
 * The IDX format of MNIST and Fashion-MNIST (LeCun's): two zero bytes, a type byte (0x08: unsigned
 * bytes, the only type these data sets use), the number of dimensions, each dimension as a big-endian
 * uint32, then the values in row-major order. The files usually come gzipped.
 */
import { gunzipSync } from "node:zlib";

export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

const UNSIGNED_BYTE = 0x08;

/** Parses an IDX file's bytes (gunzipped first when they start with gzip's magic); `file` names it in every error. */
export function parseIdx(bytes: Uint8Array, file: string): IdxArray {
  let raw = bytes;
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      raw = gunzipSync(bytes);
    } catch (error) {
      throw new RangeError(`${file}: not a readable gzip file (${(error as Error).message})`);
    }
  }
  if (raw.length < 4 || raw[0] !== 0 || raw[1] !== 0) throw new RangeError(`${file}: not an IDX file (it must start with two zero bytes)`);
  if (raw[2] !== UNSIGNED_BYTE) throw new RangeError(`${file}: IDX type 0x${raw[2].toString(16).padStart(2, "0")} is not supported; only unsigned bytes (0x08) are`);
  const ndims = raw[3];
  const header = 4 + 4 * ndims;
  if (ndims === 0 || raw.length < header) throw new RangeError(`${file}: truncated IDX header (${ndims} dimensions declared, ${raw.length} bytes in all)`);
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const dims = Array.from({ length: ndims }, (_, i) => view.getUint32(4 + 4 * i, false));
  const expected = dims.reduce((product, d) => product * d, 1);
  if (raw.length - header !== expected) {
    throw new RangeError(`${file}: dimensions ${dims.join(" x ")} need ${expected} bytes of data, but ${raw.length - header} follow the header`);
  }
  return { dims, data: raw.subarray(header) };
}

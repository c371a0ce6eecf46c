/** The CIFAR-10 binary format (tasks.md, "cifar10-wrn"): records of 1 label byte and 3,072 pixel bytes (R, G, B planes). */

export const CIFAR_RECORD_BYTES = 1 + 3 * 32 * 32;

export interface CifarImages {
  /** n x 3 x 32 x 32, pixel / 255. */
  images: Float32Array;
  labels: Int32Array;
  n: number;
}

/** The first `limit` records of a file's bytes; `file` names it in errors. */
export function parseCifarRecords(bytes: Uint8Array, limit: number, file = "the file"): CifarImages {
  if (bytes.length % CIFAR_RECORD_BYTES !== 0) {
    throw new RangeError(`${file}: ${bytes.length} bytes is not a whole number of ${CIFAR_RECORD_BYTES}-byte CIFAR-10 records`);
  }
  const n = Math.min(limit, bytes.length / CIFAR_RECORD_BYTES);
  const images = new Float32Array(n * 3072);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const base = i * CIFAR_RECORD_BYTES;
    labels[i] = bytes[base];
    if (labels[i] > 9) throw new RangeError(`${file}: record ${i} has label ${labels[i]}; CIFAR-10 labels are 0-9`);
    for (let p = 0; p < 3072; p++) images[i * 3072 + p] = bytes[base + 1 + p] / 255;
  }
  return { images, labels, n };
}

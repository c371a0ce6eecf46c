import { crc32c, maskCrc } from "./crc32c";
import { view } from "../protobuf";

export class TfRecordError extends Error {
  constructor(
    message: string,
    /** Counted from 1. */
    readonly record: number,
  ) {
    super(message);
  }
}

export interface TfRecord {
  /** Counted from 1. */
  index: number;
  data: Uint8Array;
}

const HEADER = 12;
const FOOTER = 4;

/**
 * Records of a TFRecord file: uint64 length, masked CRC-32C of the length, data, masked CRC-32C of the
 * data, all little-endian. Both checksums are verified, so a corrupt or cut-off file is reported at the
 * record where it goes wrong rather than read as garbage.
 */
export function* tfRecords(bytes: Uint8Array): Generator<TfRecord> {
  let pos = 0;
  let index = 0;
  while (pos < bytes.length) {
    index++;
    if (bytes.length - pos < HEADER) throw new TfRecordError("the file ends inside the record's length header (truncated file)", index);
    const data = view(bytes.subarray(pos, pos + HEADER));
    if (data.getUint32(8, true) !== maskCrc(crc32c(bytes, pos, pos + 8))) {
      throw new TfRecordError("CRC of the length does not match (corrupt file, or not a TFRecord file)", index);
    }
    const length = data.getBigUint64(0, true);
    const start = pos + HEADER;
    if (length > BigInt(bytes.length - start - FOOTER)) {
      throw new TfRecordError(`the record says it holds ${length} bytes but the file ends before them (truncated file)`, index);
    }
    const end = start + Number(length);
    if (view(bytes.subarray(end, end + FOOTER)).getUint32(0, true) !== maskCrc(crc32c(bytes, start, end))) {
      throw new TfRecordError("CRC of the data does not match (corrupt or truncated file)", index);
    }
    yield { index, data: bytes.subarray(start, end) };
    pos = end + FOOTER;
  }
}

/** True when the bytes open with a TFRecord header whose length checksum holds. */
export function startsWithTfRecord(bytes: Uint8Array): boolean {
  if (bytes.length < HEADER) return false;
  return view(bytes.subarray(0, HEADER)).getUint32(8, true) === maskCrc(crc32c(bytes, 0, 8));
}

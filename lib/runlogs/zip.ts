import { inflateRawSync } from "node:zlib";
import { RunLogParseError } from "./errors";

// Run folders are small; these keep a hostile archive from exhausting memory.
const MAX_ENTRIES = 20_000;
const MAX_TOTAL_BYTES = 512 * 1024 * 1024;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

export function isZip(data: Uint8Array): boolean {
  return data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && (data[2] === 3 || data[2] === 5) && (data[3] === 4 || data[3] === 6);
}

function zipError(detail: string): RunLogParseError {
  return new RunLogParseError("unknown", `zip archive: ${detail}`);
}

/**
 * The files of a zip archive by path (folders left out), read through its central directory. Only
 * what run exports use is supported: stored or deflated entries, no encryption, no ZIP64.
 */
export function readZip(data: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let end = -1;
  // The end record sits in the last 22 bytes plus a comment of up to 64 KiB.
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw zipError("no central directory found (truncated or not a zip file)");
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  if (count > MAX_ENTRIES) throw zipError(`more than ${MAX_ENTRIES} entries`);
  if (count === 0xffff || offset === 0xffffffff) throw zipError("ZIP64 archives are not supported");
  const files = new Map<string, Uint8Array>();
  const names = new TextDecoder();
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (offset + 46 > data.length || view.getUint32(offset, true) !== CENTRAL_ENTRY) throw zipError(`entry ${n + 1} of the central directory is damaged`);
    const flags = view.getUint16(offset + 8, true);
    const method = view.getUint16(offset + 10, true);
    const compressedSize = view.getUint32(offset + 20, true);
    const size = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const localOffset = view.getUint32(offset + 42, true);
    const name = names.decode(data.subarray(offset + 46, offset + 46 + nameLength)).replace(/\\/g, "/");
    offset += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith("/")) continue;
    if (flags & 1) throw zipError(`${name} is encrypted`);
    if (localOffset + 30 > data.length || view.getUint32(localOffset, true) !== LOCAL_HEADER) throw zipError(`the header of ${name} is damaged`);
    const start = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    const raw = data.subarray(start, start + compressedSize);
    if (raw.length !== compressedSize) throw zipError(`${name} is truncated`);
    total += size;
    if (total > MAX_TOTAL_BYTES) throw zipError(`the files add up to more than ${MAX_TOTAL_BYTES} bytes`);
    let content: Uint8Array;
    if (method === 0) content = raw;
    else if (method === 8) {
      try {
        content = new Uint8Array(inflateRawSync(raw, { maxOutputLength: Math.max(size, 1) }));
      } catch {
        throw zipError(`${name} cannot be decompressed (damaged, or larger than its header says)`);
      }
    } else throw zipError(`${name} uses compression method ${method}; only stored and deflated files are supported`);
    if (content.length !== size) throw zipError(`${name} is ${content.length} bytes, not the ${size} its header says`);
    files.set(name, content);
  }
  return files;
}

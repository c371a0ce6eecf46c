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

interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated: what zipEntries lets through. */
  method: 0 | 8;
  raw: Uint8Array;
  /** The unpacked size the header states. */
  size: number;
}

/**
 * The file entries of a zip archive (folders left out), read through its central directory and checked
 * before anything is unpacked. Only what run exports use is supported: stored or deflated entries, no
 * encryption, no ZIP64.
 */
function zipEntries(data: Uint8Array): ZipEntry[] {
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
  const entries: ZipEntry[] = [];
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
    if (method !== 0 && method !== 8) throw zipError(`${name} uses compression method ${method}; only stored and deflated files are supported`);
    entries.push({ name, method, raw, size });
  }
  return entries;
}

const undeflatable = (entry: ZipEntry) => zipError(`${entry.name} cannot be decompressed (damaged, or larger than its header says)`);

function checkedSize(entry: ZipEntry, content: Uint8Array): Uint8Array {
  if (content.length !== entry.size) throw zipError(`${entry.name} is ${content.length} bytes, not the ${entry.size} its header says`);
  return content;
}

// Looked up when needed rather than imported: a browser bundle of the parsers must not pull in node:zlib.
function nodeZlib(): typeof import("node:zlib") | undefined {
  return typeof process === "undefined" ? undefined : process.getBuiltinModule?.("node:zlib");
}

/** The files of a zip archive by path, unpacked with Node's zlib (readZipAsync where there is none: a browser). */
export function readZip(data: Uint8Array): Map<string, Uint8Array> {
  const entries = zipEntries(data);
  const zlib = nodeZlib();
  const files = new Map<string, Uint8Array>();
  for (const entry of entries) {
    let content = entry.raw;
    if (entry.method === 8) {
      if (!zlib) throw zipError("unpacking needs Node's zlib here; read the archive with readZipAsync");
      try {
        content = new Uint8Array(zlib.inflateRawSync(entry.raw, { maxOutputLength: Math.max(entry.size, 1) }));
      } catch {
        throw undeflatable(entry);
      }
    }
    files.set(entry.name, checkedSize(entry, content));
  }
  return files;
}

/** The same files as readZip, unpacked by the platform's DecompressionStream (browsers, and Node). */
export async function readZipAsync(data: Uint8Array): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const entry of zipEntries(data)) {
    files.set(entry.name, checkedSize(entry, entry.method === 8 ? await inflateRaw(entry) : entry.raw));
  }
  return files;
}

/** Stops reading once the output passes the stated size, as maxOutputLength does for zlib: a zip bomb costs nothing. */
async function inflateRaw(entry: ZipEntry): Promise<Uint8Array> {
  const reader = new Blob([entry.raw as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      length += value.length;
      if (length > Math.max(entry.size, 1)) {
        await reader.cancel();
        throw undeflatable(entry);
      }
      chunks.push(value);
    }
  } catch {
    throw undeflatable(entry);
  }
  const content = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    content.set(chunk, at);
    at += chunk.length;
  }
  return content;
}

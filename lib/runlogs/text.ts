/** Text of an upload: UTF-8 unless a byte-order mark says UTF-16 (spreadsheet "Unicode text" exports). */
export function decodeText(data: Uint8Array | string): string {
  if (typeof data === "string") return data.charCodeAt(0) === 0xfeff ? data.slice(1) : data;
  let encoding = "utf-8";
  if (data.length >= 2 && data[0] === 0xff && data[1] === 0xfe) encoding = "utf-16le";
  else if (data.length >= 2 && data[0] === 0xfe && data[1] === 0xff) encoding = "utf-16be";
  // The decoder drops a matching byte-order mark; invalid bytes become U+FFFD and fail later as bad cells.
  return new TextDecoder(encoding).decode(data);
}

export interface TextLine {
  /** Counted from 1, as editors do. */
  line: number;
  text: string;
}

export function splitLines(text: string): TextLine[] {
  return text.split(/\r\n|\n|\r/).map((line, i) => ({ line: i + 1, text: line }));
}

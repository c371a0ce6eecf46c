import { readFile } from "node:fs/promises";

/** An error the user can fix: printed as is, without a stack trace, and the command exits 1. */
export class CliError extends Error {}

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
  /** Standard input as bytes, for binary logs (TensorBoard); test ios may leave it out. */
  readStdinBytes?: () => Promise<Uint8Array>;
}

async function stdinBytes(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: async () => Buffer.from(await stdinBytes()).toString("utf8"),
  readStdinBytes: stdinBytes,
};

/** Reads FILE, or standard input for `-`, as bytes. */
export async function readBytes(file: string, io: CliIo): Promise<Uint8Array> {
  if (file === "-") return io.readStdinBytes ? io.readStdinBytes() : new TextEncoder().encode(await io.readStdin());
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (error as Error).message;
    throw new CliError(`cannot read ${file}: ${reason}`);
  }
}

/** Reads FILE, or standard input for `-`, as UTF-8 text. */
export async function readInput(file: string, io: CliIo): Promise<string> {
  return new TextDecoder().decode(await readBytes(file, io));
}

export async function readJson(file: string, io: CliIo, what: string): Promise<unknown> {
  const text = await readInput(file, io);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${what} ${file === "-" ? "(standard input)" : file} is not valid JSON: ${(error as Error).message}`);
  }
}

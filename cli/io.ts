import { readFile } from "node:fs/promises";

/** An error the user can fix: printed as is, without a stack trace, and the command exits 1. */
export class CliError extends Error {}

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  },
};

/** Reads FILE, or standard input for `-`. */
export async function readInput(file: string, io: CliIo): Promise<string> {
  if (file === "-") return io.readStdin();
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (error as Error).message;
    throw new CliError(`cannot read ${file}: ${reason}`);
  }
}

export async function readJson(file: string, io: CliIo, what: string): Promise<unknown> {
  const text = await readInput(file, io);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${what} ${file === "-" ? "(standard input)" : file} is not valid JSON: ${(error as Error).message}`);
  }
}

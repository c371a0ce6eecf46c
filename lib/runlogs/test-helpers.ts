import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { RunLogParseError } from "./errors";

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
}

/** Runs `fn`, expects a RunLogParseError, and returns it for further checks. */
export function parseError(fn: () => unknown): RunLogParseError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RunLogParseError);
    return error as RunLogParseError;
  }
  throw new Error("expected a RunLogParseError, but nothing was thrown");
}

import { readdirSync, statSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { parseRunLog, parseRunLogAsync } from "./parse";
import { fixture } from "./test-helpers";
import type { ParseRunLogOptions } from "./types";

// The browser reads a large upload with parseRunLogAsync (it has no Node zlib), the server with
// parseRunLog: a log must come out the same either way, and a bad one be refused in the same words.

const dir = new URL("./fixtures/", import.meta.url);
const FIXTURES = readdirSync(dir).filter((name) => !name.endsWith(".ts") && statSync(new URL(name, dir)).isFile());

async function outcome(parse: () => unknown) {
  try {
    return { log: await parse() };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

const bothWays = async (data: Uint8Array, options: ParseRunLogOptions) => ({
  sync: await outcome(() => parseRunLog(data, options)),
  async: await outcome(() => parseRunLogAsync(data, options)),
});

describe("parseRunLogAsync", () => {
  it.each(FIXTURES)("reads %s as parseRunLog does", async (name) => {
    const { sync, async } = await bothWays(fixture(name), { filename: name });
    expect(async).toEqual(sync);
  });

  it("unpacks a zip without Node's zlib: the MLflow run comes out whole", async () => {
    const { async } = await bothWays(fixture("mlflow-run.zip"), {});
    expect(async.log).toMatchObject({ format: "mlflow", xAxis: "step" });
  });

  it("refuses a damaged zip as parseRunLog does, whatever the damage", async () => {
    const zip = fixture("mlflow-run.zip");
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(zip.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 3 }), fc.option(fc.nat(zip.length)), async (flips, cut) => {
        const damaged = zip.slice(0, cut ?? zip.length);
        for (const [at, bits] of flips) if (at < damaged.length) damaged[at] ^= bits;
        const { sync, async } = await bothWays(damaged, {});
        expect(async).toEqual(sync);
      }),
      { numRuns: 300 },
    );
  });

  it("is what a browser must use: parseRunLog there refuses a zip, saying so", () => {
    const lookup = vi.spyOn(process, "getBuiltinModule").mockReturnValue(undefined as never);
    try {
      expect(() => parseRunLog(fixture("mlflow-run.zip"))).toThrow(/zip archive: unpacking needs Node's zlib here; read the archive with readZipAsync/);
    } finally {
      lookup.mockRestore();
    }
  });

  it("refuses an unknown format before looking at the bytes", async () => {
    const { sync, async } = await bothWays(fixture("mlflow-run.zip"), { format: "nope" as never });
    expect(async).toEqual(sync);
    expect(async.error).toMatch(/unknown format 'nope'/);
  });
});

/**
 * Writes PS10 (data seed 0, vector form) as the raw little-endian files the torch engine reads, plus
 * each sample's kind and noise flag, for scripts/ps10/explore.py:
 *   npx tsx scripts/ps10/write-data.ts OUT_DIR TRAIN_SIZE TEST_SIZE
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { generatePs10TaskData } from "@/lib/tasks/ps10";

const bytes = (a: Float32Array | Int32Array | Uint8Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

async function main() {
  const [out, train, test] = process.argv.slice(2);
  if (!out || !train || !test) throw new Error("usage: write-data.ts OUT_DIR TRAIN_SIZE TEST_SIZE");
  const data = generatePs10TaskData({ trainSize: Number(train), testSize: Number(test) });
  await mkdir(out, { recursive: true });
  for (const split of ["train", "test"] as const) {
    await writeFile(path.join(out, `${split}_x.f32`), bytes(data[split].inputs));
    await writeFile(path.join(out, `${split}_y.i32`), bytes(data[split].labels));
    await writeFile(path.join(out, `${split}_kind.u8`), bytes(data[split].kind));
    await writeFile(path.join(out, `${split}_noisy.u8`), bytes(data[split].noisy));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

/** Which Python has PyTorch: $LRBENCH_PYTHON, else the first of python3 on PATH and Debian's /usr/bin/python3 that imports torch. */
import { spawnSync } from "node:child_process";

const CANDIDATES = ["python3", "/usr/bin/python3"];
let found: string | null | undefined;

function importsTorch(python: string): boolean {
  const probe = spawnSync(python, ["-c", "import torch, numpy"], { stdio: "ignore", timeout: 60_000 });
  return probe.status === 0;
}

export class NoTorchError extends Error {}

/** The interpreter to run the trainer with; throws a NoTorchError that says how to get one. */
export function findPython(explicit = process.env.LRBENCH_PYTHON): string {
  if (explicit) {
    if (!importsTorch(explicit)) throw new NoTorchError(`${explicit} cannot import torch and numpy (LRBENCH_PYTHON / --python)`);
    return explicit;
  }
  found ??= CANDIDATES.find(importsTorch) ?? null;
  if (!found) {
    throw new NoTorchError(
      "no Python with PyTorch found (tried python3 and /usr/bin/python3): install PyTorch (on Debian: apt-get install python3-torch python3-pil) or point LRBENCH_PYTHON at an interpreter that has it",
    );
  }
  return found;
}

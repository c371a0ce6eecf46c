/** Picks the fastest TensorFlow.js build this machine has, falling back to the pure-JS CPU backend. */
import os from "node:os";

export type Tf = typeof import("@tensorflow/tfjs");

export interface LoadedTf {
  tf: Tf;
  /** "cpu" (pure JS), "tensorflow" (tfjs-node) or "tensorflow-gpu" (tfjs-node-gpu). */
  backend: string;
  device: string;
}

/** Native builds in order of preference; both are optional and usually not installed. */
const NATIVE = [
  { pkg: "@tensorflow/tfjs-node-gpu", backend: "tensorflow-gpu" },
  { pkg: "@tensorflow/tfjs-node", backend: "tensorflow" },
] as const;

export function cpuDevice(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model?.trim() || "unknown";
  return `cpu: ${model} (${cpus.length} cores)`;
}

async function tryNative(): Promise<LoadedTf | null> {
  for (const { pkg, backend } of NATIVE) {
    // A variable specifier keeps TypeScript and bundlers from requiring a package that is optional.
    const specifier: string = pkg;
    try {
      const mod = (await import(/* @vite-ignore */ specifier)) as Tf & { default?: Tf };
      const tf = (typeof mod.tensor === "function" ? mod : mod.default) as Tf | undefined;
      if (!tf || typeof tf.tensor !== "function") continue;
      await tf.ready();
      const device = backend === "tensorflow-gpu" ? "gpu: CUDA (tfjs-node-gpu)" : cpuDevice();
      return { tf, backend, device };
    } catch {
      // Not installed, or its native library failed to load on this machine: try the next one.
    }
  }
  return null;
}

export async function loadTf(choice: "auto" | "cpu" = "auto"): Promise<LoadedTf> {
  if (choice === "auto") {
    const native = await tryNative();
    if (native) return native;
  }
  const tf = await import("@tensorflow/tfjs");
  await tf.setBackend("cpu");
  await tf.ready();
  return { tf, backend: "cpu", device: cpuDevice() };
}

import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { loadTf } from "./backend";

function installed(pkg: string): boolean {
  try {
    createRequire(import.meta.url).resolve(pkg);
    return true;
  } catch {
    return false;
  }
}

describe("loadTf", () => {
  it("falls back to the pure-JS cpu backend when no native build is installed", async () => {
    const { tf, backend, device } = await loadTf("auto");
    const native = installed("@tensorflow/tfjs-node-gpu") || installed("@tensorflow/tfjs-node");
    if (native) expect(["tensorflow", "tensorflow-gpu"]).toContain(backend);
    else {
      expect(backend).toBe("cpu");
      expect(tf.getBackend()).toBe("cpu");
      expect(device).toMatch(/^cpu: /);
    }
  });

  it("uses the cpu backend when asked, whatever is installed", async () => {
    const { tf, backend } = await loadTf("cpu");
    expect(backend).toBe("cpu");
    expect(tf.getBackend()).toBe("cpu");
  });
});

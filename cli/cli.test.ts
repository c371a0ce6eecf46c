import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runCli } from "../tests/helpers/cli";

const dir = mkdtempSync(path.join(tmpdir(), "lrbench-cli-"));
function file(name: string, content: unknown): string {
  const target = path.join(dir, name);
  writeFileSync(target, typeof content === "string" ? content : JSON.stringify(content));
  return target;
}

describe("lrbench schedule sample", () => {
  it("prints the spec's JSON object for a static kind", async () => {
    const def = file("step.json", { kind: "step", lr: 0.1, stepSize: 2, gamma: 0.5 });
    const { code, stdout, stderr } = await runCli(["schedule", "sample", def, "--steps", "5"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.lr).toEqual([0.1, 0.1, 0.05, 0.05, 0.025]);
    expect(out.events).toEqual([]);
    expect(out).not.toHaveProperty("momentum");
  });

  it("reads the definition from standard input with -", async () => {
    const { code, stdout } = await runCli(["schedule", "sample", "-", "--steps", "3"], '{"kind":"constant","lr":0.3}');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).lr).toEqual([0.3, 0.3, 0.3]);
  });

  it("returns momentum for a one-cycle with cycleMomentum", async () => {
    const def = file("onecycle.json", { kind: "oneCycle", maxLr: 1, totalSteps: 10, cycleMomentum: { base: 0.85, max: 0.95 } });
    const out = JSON.parse((await runCli(["schedule", "sample", def, "--steps", "10"])).stdout);
    expect(out.lr).toHaveLength(10);
    expect(out.momentum).toHaveLength(10);
    expect(out.momentum[0]).toBeCloseTo(0.95, 12);
    expect(out.lr[0]).toBeCloseTo(0.04, 12);
  });

  it("feeds observations to adaptive kinds and reports their events", async () => {
    const def = file("plateau.json", { kind: "plateau", lr: 1, patience: 1 });
    const obs = file("obs.json", [5, 5, 5, 5, 5, 5]);
    const out = JSON.parse((await runCli(["schedule", "sample", def, "--steps", "6", "--observations", obs])).stdout);
    expect(out.lr[0]).toBe(1);
    expect(out.events.length).toBeGreaterThan(0);
    expect(out.events[0]).toMatchObject({ type: "decay" });
  });

  it("exits non-zero, names the field, and prints nothing on stdout for an invalid definition", async () => {
    const def = file("bad.json", { kind: "multiStep", lr: 0.1, milestones: [30, 20] });
    const { code, stdout, stderr } = await runCli(["schedule", "sample", def, "--steps", "5"]);
    expect(code).not.toBe(0);
    expect(stdout).toBe("");
    expect(stderr).toContain("milestones[1] must be greater than milestones[0]");
  });

  it("resolves percentages of the budget against --budget, else against --steps", async () => {
    const def = file("relative.json", { kind: "multiStep", lr: 1, milestones: ["50%", "75%"], gamma: 0.5 });
    const withBudget = await runCli(["schedule", "sample", def, "--steps", "6", "--budget", "4"]);
    expect(withBudget.stderr).toBe("");
    expect(JSON.parse(withBudget.stdout).lr).toEqual([1, 1, 0.5, 0.25, 0.25, 0.25]);
    expect(JSON.parse((await runCli(["schedule", "sample", def, "--steps", "8"])).stdout).lr).toEqual([1, 1, 1, 1, 0.5, 0.5, 0.25, 0.25]);
    const broken = await runCli(["schedule", "sample", def, "--steps", "6", "--budget", "1"]);
    expect(broken.code).not.toBe(0);
    expect(broken.stdout).toBe("");
    expect(broken.stderr).toContain('milestones[1] must be greater than milestones[0] (milestones[1] is "75%" of a budget of 1 epoch: 1)');
    const badBudget = await runCli(["schedule", "sample", def, "--steps", "6", "--budget", "0"]);
    expect(badBudget.stderr).toMatch(/--budget must be an integer >= 1/);
  });

  it("exports a budget-relative definition only with --budget, and says which", async () => {
    const def = file("relative-cosine.json", { kind: "cosine", lr: 0.1, tMax: "100%" });
    const missing = await runCli(["schedule", "export", def, "--to", "pytorch"]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/give the budget/);
    const out = await runCli(["schedule", "export", def, "--to", "pytorch", "--budget", "30"]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("# Resolved for a budget of 30 epochs");
    expect(out.stdout).toContain("T_max=30");
  });

  it("explains missing observations, bad --steps, unreadable files and bad JSON", async () => {
    const auto = file("auto.json", { kind: "autoDecay", lr: 0.1 });
    const missing = await runCli(["schedule", "sample", auto, "--steps", "5"]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/observations/);

    const steps = await runCli(["schedule", "sample", auto, "--steps", "-3"]);
    expect(steps.code).not.toBe(0);
    expect(steps.stderr).toMatch(/--steps must be an integer >= 1/);

    const nofile = await runCli(["schedule", "validate", path.join(dir, "nope.json")]);
    expect(nofile.code).toBe(1);
    expect(nofile.stderr).toMatch(/cannot read .*nope\.json: no such file/);

    const badJson = await runCli(["schedule", "validate", file("broken.json", "{kind:")]);
    expect(badJson.code).toBe(1);
    expect(badJson.stderr).toMatch(/is not valid JSON/);
  });
});

describe("lrbench schedule validate and export", () => {
  it("validates a good definition", async () => {
    const { code, stdout } = await runCli(["schedule", "validate", file("cos.json", { kind: "cosine", lr: 0.1, tMax: 50 })]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/valid cosine schedule/);
  });

  it("lists every invalid field", async () => {
    const { code, stderr } = await runCli(["schedule", "validate", file("two.json", { kind: "cosine", lr: -1, tMax: 0.5 })]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^lrbench: invalid schedule definition/);
    expect(stderr).toMatch(/\blr\b/);
    expect(stderr).toMatch(/tMax/);
  });

  it("exports to each framework and rejects an unknown one", async () => {
    const def = file("exp.json", { kind: "cosine", lr: 0.1, tMax: 50 });
    expect((await runCli(["schedule", "export", def, "--to", "pytorch"])).stdout).toContain("CosineAnnealingLR");
    expect((await runCli(["schedule", "export", def, "--to", "optax"])).stdout).toContain("optax");
    expect((await runCli(["schedule", "export", def, "--to", "keras"])).stdout).toContain("keras");
    const bad = await runCli(["schedule", "export", def, "--to", "mxnet"]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/mxnet/);
  });

  it("has --help on every command", async () => {
    for (const argv of [["--help"], ["schedule", "--help"], ["schedule", "sample", "--help"], ["schedule", "validate", "--help"], ["schedule", "export", "--help"]]) {
      const { code, stdout } = await runCli(argv);
      expect(code).toBe(0);
      expect(stdout).toMatch(/Usage: lrbench/);
    }
  });
});

describe("the lrbench bin", () => {
  it("runs as a real process through bin/lrbench.mjs", async () => {
    const bin = fileURLToPath(new URL("../bin/lrbench.mjs", import.meta.url));
    const def = file("bin.json", { kind: "exponential", lr: 1, gamma: 0.5 });
    const { stdout } = await promisify(execFile)(process.execPath, [bin, "schedule", "sample", def, "--steps", "3"]);
    expect(JSON.parse(stdout).lr).toEqual([1, 0.5, 0.25]);
    await expect(promisify(execFile)(process.execPath, [bin, "schedule", "sample", file("bad2.json", { kind: "nope" }), "--steps", "3"])).rejects.toMatchObject({
      code: 1,
      stdout: "",
    });
  });

  it("runs from the compiled build in .cache/cli, rebuilt when a source it was built from changes", async () => {
    const bin = fileURLToPath(new URL("../bin/lrbench.mjs", import.meta.url));
    const root = fileURLToPath(new URL("../", import.meta.url));
    const manifestFile = path.join(root, ".cache", "cli", "manifest.json");
    // A build that a change to cli/commands/parse.ts made stale.
    mkdirSync(path.dirname(manifestFile), { recursive: true });
    writeFileSync(manifestFile, JSON.stringify({ entry: "missing/main.mjs", inputs: { "cli/commands/parse.ts": 1 } }));
    const csv = file("small.csv", "epoch,loss\n1,0.5\n");
    const { stdout } = await promisify(execFile)(process.execPath, [bin, "parse", csv]);
    expect(JSON.parse(stdout)).toMatchObject({ format: "keras-csv", series: { train_loss: [[1, 0.5]] } });
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
    expect(manifest.inputs["cli/commands/parse.ts"]).toBe(statSync(path.join(root, "cli/commands/parse.ts")).mtimeMs);
    expect(manifest.inputs).toHaveProperty(["lib/runlogs/parse.ts"]);
    expect(existsSync(path.join(root, ".cache", "cli", manifest.entry))).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { runCli } from "../tests/helpers/cli";

/** A range test as a CSV log: 100 steps from 1e-6 to 10, loss flat, falling around 10^-2.5, blowing up past 0.3. */
function csv(): string {
  const rows = ["step,lr,loss"];
  for (let i = 0; i < 100; i++) {
    const lr = 1e-6 * 10 ** ((7 * i) / 99);
    const decade = Math.log10(lr);
    const loss = 2.3 - 2 / (1 + Math.exp(-3 * (decade + 2.5))) + (lr > 0.3 ? Math.exp(5 * (decade + 0.5)) : 0) + (i % 2 ? -0.02 : 0.02);
    rows.push(`${i},${lr},${loss}`);
  }
  return `${rows.join("\n")}\n`;
}

describe("lrbench rangetest", () => {
  it("prints fastai's and Smith's suggestions with their reasoning, and schedules built on them", async () => {
    const { code, stdout, stderr } = await runCli(["rangetest", "-", "--format", "csv"], csv());
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^steepest {6}\S+ {2}the smoothed loss falls fastest/m);
    expect(stdout).toMatch(/^valley {8}\S+/m);
    expect(stdout).toMatch(/^minimum \/ 10 {2}\S+/m);
    expect(stdout).toMatch(/^cyclical {6}base \S+, max \S+: the smoothed loss starts to fall/m);
    expect(stdout).toMatch(/^CLR {11}\{"kind":"cyclic","unit":"iteration","baseLr":/m);
  });

  it("gives the analysis as JSON, and says what a log without a rate lacks", async () => {
    const json = await runCli(["rangetest", "-", "--format", "csv", "--json"], csv());
    const parsed = JSON.parse(json.stdout);
    expect(parsed.cyclical.base).toBeLessThan(parsed.cyclical.max);
    expect(parsed.schedules.map((s: { label: string }) => s.label)).toEqual(["CLR", "1cycle", "StepDecay"]);
    const missing = await runCli(["rangetest", "-", "--format", "csv"], "step,loss\n0,2\n1,1.5\n");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no 'lr' series; a range test needs the rate and the training loss at each step/);
  });
});

import { describe, expect, it } from "vitest";
import { parseTransferSeriesName } from "./transfer";
import { finetuneRates, transferSeriesName } from "./transfer-recipe";

describe("transfer recipe", () => {
  it("anneals the finetune rate from 0.01 by cosine, one rate per epoch", () => {
    const rates = finetuneRates("smoke");
    expect(rates).toHaveLength(2);
    expect(rates[0]).toBeCloseTo(0.01, 12);
    expect(rates[1]).toBeCloseTo(0.005, 12);
    expect(finetuneRates("short")).toHaveLength(10);
  });

  it("names series the analyses read back, whatever the folder is called", () => {
    expect(transferSeriesName("fix", "caltech-256")).toBe("transfer/fix/caltech-256");
    expect(parseTransferSeriesName(transferSeriesName("finetune", "MIT Indoor (67)"))).toEqual({ mode: "finetune", target: "MIT_Indoor__67_" });
  });
});

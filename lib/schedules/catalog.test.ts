import { describe, expect, it } from "vitest";
import { SCHEDULE_KINDS, kindInfo } from "./catalog";
import { SCHEDULE_KIND_NAMES, parseDefinition } from "./definition";
import { sampleSchedule } from "./sample";

describe("catalog", () => {
  it("describes every kind once", () => {
    expect(SCHEDULE_KINDS.map((k) => k.kind)).toEqual([...SCHEDULE_KIND_NAMES]);
    expect(kindInfo("step")?.label).toBe("Step decay (StepLR)");
    expect(kindInfo("nope")).toBeUndefined();
  });

  for (const info of SCHEDULE_KINDS) {
    it(`${info.kind}: example is valid and runnable, defaults match the schema`, () => {
      const parsed = parseDefinition(info.example);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      expect(parsed.definition).toEqual(info.example);
      expect(info.adaptive).toBe(info.kind === "plateau" || info.kind === "autoDecay");
      const obs = info.adaptive ? Array.from({ length: 19 }, (_, t) => 1 / (t + 1)) : undefined;
      expect(sampleSchedule(parsed.definition, { steps: 20, observations: obs }).lr[0]).toBeGreaterThan(0);
      // A definition with only the required fields gets exactly the catalog's defaults.
      const required = Object.fromEntries(
        Object.entries(info.example).filter(([k]) => {
          const f = info.fields.find((x) => x.name === k);
          return k === "kind" || (f !== undefined && f.default === undefined && !f.optional);
        }),
      );
      const minimal = parseDefinition(required);
      expect(minimal.ok).toBe(true);
      if (!minimal.ok) return;
      for (const field of info.fields) {
        if (field.default !== undefined) expect((minimal.definition as Record<string, unknown>)[field.name], field.name).toEqual(field.default);
      }
      for (const k of Object.keys(info.example)) {
        if (!["kind", "unit", "name", "description"].includes(k)) expect(info.fields.some((f) => f.name === k), k).toBe(true);
      }
    });
  }
});

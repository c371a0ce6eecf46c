import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RangeTestPanel } from "./RangeTestPanel";

const points = Array.from({ length: 100 }, (_, i) => {
  const lr = 1e-6 * 10 ** ((7 * i) / 99);
  const decade = Math.log10(lr);
  return { lr, loss: 2.3 - 2 / (1 + Math.exp(-3 * (decade + 2.5))) + (lr > 0.3 ? Math.exp(5 * (decade + 0.5)) : 0) + (i % 2 ? -0.02 : 0.02) };
});

describe("the range test panel", () => {
  it("draws loss against log10(rate), lists each suggestion with its reason and links to prefilled schedule forms", () => {
    const html = renderToStaticMarkup(createElement(RangeTestPanel, { points }));
    expect(html).toContain("log10(learning rate)");
    for (const name of ["steepest", "valley", "minimum / 10", "cyclical base", "cyclical max"]) expect(html).toContain(`${name}: `);
    const links = [...html.matchAll(/href="\/schedules\/new\?definition=([^"]+)"/g)].map((m) => JSON.parse(new URLSearchParams(`d=${m[1].replaceAll("&amp;", "&")}`).get("d")!));
    expect(links.map((d) => d.kind)).toEqual(["cyclic", "oneCycle", "multiStep"]);
    expect(links[0]).toMatchObject({ unit: "iteration", stepSizeUp: "12.5%" });
  });

  it("says why when the log gives nothing to suggest", () => {
    const html = renderToStaticMarkup(createElement(RangeTestPanel, { points: points.slice(0, 3) }));
    expect(html).toContain("3 usable points");
    expect(html).not.toContain("/schedules/new");
  });
});

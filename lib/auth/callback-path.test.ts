import { describe, expect, it } from "vitest";
import { sameSitePath } from "./callback-path";

describe("the path to return to after sign-in", () => {
  it("keeps paths on this site, query and fragment included", () => {
    expect(sameSitePath("/schedules/abc?tab=runs#top")).toBe("/schedules/abc?tab=runs#top");
    expect(sameSitePath("/account")).toBe("/account");
  });

  it.each([
    ["/\\evil.example"],
    ["/\t/evil.example"],
    ["/\n/evil.example"],
    ["//evil.example"],
    ["/.//evil.example"],
    ["\\\\evil.example"],
    ["https://evil.example/"],
    ["javascript:alert(1)"],
    [" /account"],
    [""],
  ])("sends %j to the fallback, never to another host", (value) => {
    expect(sameSitePath(value)).toBe("/account");
  });

  it("falls back for a missing value", () => {
    expect(sameSitePath(null, "/")).toBe("/");
    expect(sameSitePath(undefined)).toBe("/account");
  });
});

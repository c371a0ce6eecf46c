import { describe, expect, it } from "vitest";
import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_SERVER } from "next/constants";
import nextConfig from "@/next.config";

async function headerRules(phase: string) {
  return (await nextConfig(phase).headers!()) ?? [];
}

function directives(policy: string): Map<string, string> {
  return new Map(policy.split(";").map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(" ")]));
}

describe("the security headers on every response", () => {
  it("forbid framing, sniffing, plugins, foreign <base> and form targets, and keep referrers to the origin", async () => {
    const [all] = await headerRules(PHASE_PRODUCTION_SERVER);
    expect(all.source).toBe("/:path*");
    expect(all.has).toBeUndefined();
    const sent = new Map(all.headers.map(({ key, value }) => [key.toLowerCase(), value]));
    const policy = directives(sent.get("content-security-policy")!);
    expect(policy.get("frame-ancestors")).toBe("'none'");
    expect(policy.get("object-src")).toBe("'none'");
    expect(policy.get("base-uri")).toBe("'self'");
    expect(policy.get("form-action")).toBe("'self'");
    expect(policy.get("default-src")).toBe("'self'");
    expect(policy.get("script-src")).not.toContain("unsafe-eval");
    expect(sent.get("x-frame-options")).toBe("DENY");
    expect(sent.get("x-content-type-options")).toBe("nosniff");
    expect(sent.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(sent.has("strict-transport-security")).toBe(false);
  });

  it("add HSTS only to requests that came over HTTPS", async () => {
    const rules = await headerRules(PHASE_PRODUCTION_SERVER);
    const hsts = rules.find((rule) => rule.headers.some(({ key }) => key === "Strict-Transport-Security"))!;
    expect(hsts.has).toEqual([{ type: "header", key: "x-forwarded-proto", value: "https" }]);
    expect(hsts.headers[0].value).toMatch(/^max-age=\d{7,}/);
  });

  it("let only Next's dev server evaluate code and open its reload websocket", async () => {
    const [dev] = await headerRules(PHASE_DEVELOPMENT_SERVER);
    const policy = directives(dev.headers.find(({ key }) => key === "Content-Security-Policy")!.value);
    expect(policy.get("script-src")).toContain("'unsafe-eval'");
    expect(policy.get("frame-ancestors")).toBe("'none'");
  });
});

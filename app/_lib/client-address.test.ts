import { afterEach, describe, expect, it, vi } from "vitest";
import { clientAddress, UNKNOWN_CLIENT } from "./client-address";

const headers = (values: Record<string, string>) => new Headers(values);

describe("the client address a write is counted against", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("ignores forwarded headers without a trusted proxy: every claimed address is the same client", () => {
    vi.stubEnv("LRBENCH_TRUSTED_PROXY", "");
    vi.stubEnv("VERCEL", "");
    vi.stubEnv("LRBENCH_SOCKET_ADDRESS_STAMPED", "");
    expect(clientAddress(headers({ "x-forwarded-for": "198.51.100.1" }))).toBe(UNKNOWN_CLIENT);
    expect(clientAddress(headers({ "x-forwarded-for": "198.51.100.2", "x-real-ip": "198.51.100.3" }))).toBe(UNKNOWN_CLIENT);
    // Without the server that stamps it, the header is the client's own word too.
    expect(clientAddress(headers({ "x-lrbench-socket-address": "198.51.100.4" }))).toBe(UNKNOWN_CLIENT);
  });

  it("uses the socket address that npm start's server stamps, whatever X-Forwarded-For claims", () => {
    vi.stubEnv("LRBENCH_TRUSTED_PROXY", "");
    vi.stubEnv("LRBENCH_SOCKET_ADDRESS_STAMPED", "1");
    expect(clientAddress(headers({ "x-forwarded-for": "198.51.100.9", "x-lrbench-socket-address": "192.0.2.1" }))).toBe("192.0.2.1");
  });

  it("behind LRBENCH_TRUSTED_PROXY=N takes the address the outermost trusted proxy saw", () => {
    vi.stubEnv("LRBENCH_TRUSTED_PROXY", "1");
    expect(clientAddress(headers({ "x-forwarded-for": "10.0.0.1, 203.0.113.5" }))).toBe("203.0.113.5");
    vi.stubEnv("LRBENCH_TRUSTED_PROXY", "2");
    expect(clientAddress(headers({ "x-forwarded-for": "spoofed, 203.0.113.5, 10.0.0.2" }))).toBe("203.0.113.5");
    vi.stubEnv("LRBENCH_TRUSTED_PROXY", "nginx");
    expect(clientAddress(headers({ "x-forwarded-for": "203.0.113.5" }))).toBe(UNKNOWN_CLIENT);
  });

  it("on Vercel believes the platform's header", () => {
    vi.stubEnv("VERCEL", "1");
    expect(clientAddress(headers({ "x-vercel-forwarded-for": "203.0.113.8", "x-forwarded-for": "203.0.113.8" }))).toBe("203.0.113.8");
    expect(clientAddress(headers({ "x-forwarded-for": "203.0.113.9" }))).toBe("203.0.113.9");
  });
});

import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_LEASE_SECONDS } from "@/db/queries/jobs";
import { localSignInEnabled, queue } from "./settings";

describe("local sign-in", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("is on by default outside production", () => {
    vi.stubEnv("NODE_ENV", "development");
    vi.stubEnv("LRBENCH_LOCAL_SIGNIN", "");
    expect(localSignInEnabled()).toBe(true);
  });

  it("is refused in production unless explicitly enabled", () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("LRBENCH_LOCAL_SIGNIN", "");
    expect(localSignInEnabled()).toBe(false);
    vi.stubEnv("LRBENCH_LOCAL_SIGNIN", "1");
    expect(localSignInEnabled()).toBe(true);
  });

  it("is off whenever an identity provider is configured", () => {
    vi.stubEnv("LRBENCH_LOCAL_SIGNIN", "1");
    vi.stubEnv("OIDC_ISSUER", "http://127.0.0.1:1");
    vi.stubEnv("OIDC_CLIENT_ID", "id");
    vi.stubEnv("OIDC_CLIENT_SECRET", "secret");
    expect(localSignInEnabled()).toBe(false);
  });
});

describe("job leases", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("last DEFAULT_LEASE_SECONDS unless LRBENCH_LEASE_SECONDS says otherwise", () => {
    vi.stubEnv("LRBENCH_LEASE_SECONDS", "");
    expect(queue.leaseSeconds()).toBe(DEFAULT_LEASE_SECONDS);
    vi.stubEnv("LRBENCH_LEASE_SECONDS", "4");
    expect(queue.leaseSeconds()).toBe(4);
    vi.stubEnv("LRBENCH_LEASE_SECONDS", "-1");
    expect(queue.leaseSeconds()).toBe(DEFAULT_LEASE_SECONDS);
  });
});

import { afterEach, describe, expect, it, vi } from "vitest";
import { localSignInEnabled } from "./settings";

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

import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";

/**
 * Sent with every response. Scripts may be inline because the App Router hydrates through inline
 * scripts; nonces would need every page rendered through a proxy, so this policy's work is to keep
 * everything else to this origin and to forbid framing (clickjacking), plugins, <base> and foreign form
 * targets. Next's dev server also evaluates code and holds a websocket for reloads.
 */
function securityHeaders({ dev }: { dev: boolean }): { key: string; value: string }[] {
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    // React writes style attributes (chart colours, bar widths).
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return [
    { key: "Content-Security-Policy", value: policy },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  ];
}

/** Browsers ignore HSTS received over plain HTTP, so it goes out when the request came over HTTPS (the proxy or platform says so). */
const strictTransportSecurity = { key: "Strict-Transport-Security", value: "max-age=31536000" };

/**
 * LRBENCH_STANDALONE=1 builds what a serverless platform runs: each function with only the files Next's
 * trace found (`output: "standalone"`), in a folder of its own so the ordinary build stays as it is.
 * scripts/traced/ builds it, starts it read-only and measures it.
 */
const standalone = process.env.LRBENCH_STANDALONE === "1";

export default function nextConfig(phase: string): NextConfig {
  const dev = phase === PHASE_DEVELOPMENT_SERVER;
  return {
    ...(standalone ? { output: "standalone" as const, distDir: ".next-standalone" } : {}),
    // The tracer cannot see through the seed's and the data readers' run-time paths and takes the whole
    // repository; the web server never needs the workers, scripts, tests or Python of it.
    outputFileTracingExcludes: { "*": ["workers/**", "scripts/**", "cli/**", "tests/**", "e2e/**", "**/*.py", "db/reference/**"] },
    // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
    serverExternalPackages: ["@electric-sql/pglite", "pg", "onnxruntime-node"],
    poweredByHeader: false,
    // Cached page data (app/_lib/page-cache.ts) lives in memory only: tag expiries are kept in memory, so
    // entries written to .next/cache would outlive them across restarts (and be shared by servers built
    // once and run on different databases); a deployed platform brings its own shared data cache.
    experimental: { isrFlushToDisk: false },
    async headers() {
      return [
        { source: "/:path*", headers: securityHeaders({ dev }) },
        { source: "/:path*", has: [{ type: "header" as const, key: "x-forwarded-proto", value: "https" }], headers: [strictTransportSecurity] },
      ];
    },
  };
}

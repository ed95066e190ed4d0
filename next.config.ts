import path from "node:path";
import type { NextConfig } from "next";
import { PHASE_PRODUCTION_SERVER } from "next/constants";
import { maxSubmitBodyBytes } from "./lib/contract";
import { MAX_MULTI_IMAGES } from "./lib/domain";
import { getEnv } from "./lib/env";

// Validating here makes a bad configuration fail the build, not the first request.
const env = getEnv();

const nextConfig: NextConfig = {
  distDir: env.NEXT_DIST_DIR,
  poweredByHeader: false,
  reactStrictMode: true,
  // piscina loads the render worker by path at run time (lib/engines/local/render-pool.ts). prom-client and
  // OpenTelemetry are loaded once from node_modules, so route handlers and instrumentation share one copy
  // (one registry, one tracer provider), and the tracing SDK only when tracing is on.
  serverExternalPackages: [
    "better-sqlite3",
    "sharp",
    "piscina",
    "prom-client",
    "@opentelemetry/api",
    "@opentelemetry/exporter-trace-otlp-http",
    "@opentelemetry/resources",
    "@opentelemetry/sdk-trace-node",
  ],
  // A cached page is fresh for its `revalidate`, then served stale for a day while it is rendered again.
  expireTime: 60 + 86_400,
  experimental: {
    // Script files carry their hash (integrity), so a cached page's policy needs no nonce for them.
    sri: { algorithm: "sha256" },
    // With a proxy, Next buffers each request body for it (10 MB by default) and hands a route only
    // that much. The largest body a route reads is a multi edit with four base64 images (uploads of
    // one 20 MB file are smaller), or 1 MB for a webhook: one byte past that is enough to answer 413.
    proxyClientMaxBodySize: Math.max(maxSubmitBodyBytes(env.MAX_BODY_BYTES, MAX_MULTI_IMAGES), 1024 * 1024) + 1,
  },
};

/**
 * The running server keeps rendered share pages through lib/pages/cache-handler.mjs, with the hashes
 * of their inline scripts in their policy: in a file beside the data, or in the shared database with
 * DATABASE_URL, so every instance serves one copy. Named for the server only: a build would also
 * bundle it into the proxy, which caches nothing, and the build's own pages keep Next's files.
 */
export default function config(phase: string): NextConfig {
  if (phase !== PHASE_PRODUCTION_SERVER) return nextConfig;
  return { ...nextConfig, cacheHandler: path.join(__dirname, "lib/pages/cache-handler.mjs") };
}

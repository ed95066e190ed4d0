import type { NextConfig } from "next";
import { maxSubmitBodyBytes } from "./lib/contract";
import { MAX_MULTI_IMAGES } from "./lib/domain";
import { getEnv } from "./lib/env";

// Validating here makes a bad configuration fail the build, not the first request.
const env = getEnv();

const nextConfig: NextConfig = {
  distDir: env.NEXT_DIST_DIR,
  poweredByHeader: false,
  reactStrictMode: true,
  // piscina loads the render worker by path at run time (lib/engines/local/render-pool.ts).
  serverExternalPackages: ["better-sqlite3", "sharp", "piscina"],
  // A cached page's Cache-Control: fresh for its `revalidate`, then served stale for a day while it is rendered again.
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

export default nextConfig;

import type { NextConfig } from "next";
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
    // With a proxy, Next buffers each request body for it (10 MB by default); no route reads more
    // than MAX_BODY_BYTES, or 1 MB for a webhook, so one byte past that is enough to answer 413.
    proxyClientMaxBodySize: Math.max(env.MAX_BODY_BYTES, 1024 * 1024) + 1,
  },
};

export default nextConfig;

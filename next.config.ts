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
};

export default nextConfig;

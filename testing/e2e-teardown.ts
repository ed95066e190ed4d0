import fs from "node:fs";

/** Playwright globalTeardown: the run's data folder (E2E_DATA_ROOT) goes, whether the run passed or failed. */
export default function teardown() {
  const root = process.env.E2E_DATA_ROOT;
  if (root) fs.rmSync(root, { recursive: true, force: true });
}

import fs from "node:fs";

/**
 * Playwright globalTeardown: the run's data folder (E2E_DATA_ROOT) goes, whether the run passed or
 * failed. The test servers stop only after this runs, and one may still write a file into a folder
 * being removed (ENOTEMPTY): the removal tries again, as `rm -rf` would be run again.
 */
export default function teardown() {
  const root = process.env.E2E_DATA_ROOT;
  if (root) fs.rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
}

import fs from "node:fs";

/**
 * Playwright globalTeardown: the data folder the run made for itself (E2E_DATA_ROOT_OWNED) goes,
 * whether the run passed or failed. Playwright stops the test servers only after this runs, and one
 * may still write into the folder (a stray sweep, the disk reserve refilled): what cannot be removed
 * then is named, not counted as a failed run. `npm test` makes the folder itself and removes it
 * after Playwright has exited.
 */
export default function teardown() {
  const root = process.env.E2E_DATA_ROOT;
  if (!root || process.env.E2E_DATA_ROOT_OWNED !== "1") return;
  try {
    fs.rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  } catch (error) {
    console.warn(`The test data in ${root} was not all removed while the test servers still ran: ${String(error)}`);
  }
}

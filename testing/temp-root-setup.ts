import fs from "node:fs";
import type { TestProject } from "vitest/node";

/**
 * vitest globalSetup: the run's folder for temporary files (TMPDIR of the workers, set in
 * vitest.config.mts), so every folder a test makes goes with it when the run ends, passed or
 * failed. Each project runs it; the folder is made once and removed once.
 */
export default function setup(project: TestProject) {
  const root = project.config.env.TMPDIR;
  if (!root) throw new Error("vitest.config.mts sets no TMPDIR for the tests");
  fs.mkdirSync(root, { recursive: true, mode: 0o700 });
  // The name is predictable (the runner's pid): refuse a folder someone else put there first.
  const made = fs.lstatSync(root);
  if (!made.isDirectory() || made.uid !== process.getuid?.()) throw new Error(`${root} is not a folder of this user`);
  return () => fs.rmSync(root, { recursive: true, force: true });
}

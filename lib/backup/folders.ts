import fs from "node:fs/promises";
import path from "node:path";

/** Removes what `into` holds, and the folder itself if it was made here: a failed run leaves nothing behind. */
export async function emptyFolder(into: string): Promise<{ clear: () => Promise<void> }> {
  let existed = true;
  try {
    const names = await fs.readdir(into);
    if (names.length > 0) throw new Error(`${into} is not empty: a backup goes into an empty or new folder.`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    existed = false;
  }
  const made = existed ? undefined : await fs.mkdir(into, { recursive: true });
  return {
    clear: async () => {
      if (made) await fs.rm(made, { recursive: true, force: true });
      else for (const name of await fs.readdir(into)) await fs.rm(path.join(into, name), { recursive: true, force: true });
    },
  };
}

/** Every file under `root`, as paths relative to it; nothing when it does not exist. */
export async function filesUnder(root: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(root, { recursive: true, withFileTypes: true });
    return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/** Runs `work` over `items`, at most `width` at a time. */
export async function eachLimited<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

import fs from "node:fs/promises";
import path from "node:path";

/** The disk space the files under `root` take (allocated blocks, as `du` counts them); 0 when it does not exist. */
export async function diskUsage(root: string): Promise<number> {
  let entries: import("node:fs").Dirent[];
  try {
    entries = await fs.readdir(root, { withFileTypes: true });
  } catch (error) {
    if (isGone(error)) return 0;
    throw error;
  }
  const sizes = await Promise.all(
    entries.map(async (entry) => {
      const at = path.join(root, entry.name);
      if (entry.isDirectory()) return diskUsage(at);
      if (!entry.isFile()) return 0;
      // A file removed between the listing and here (a delete, a purge) takes nothing.
      const stats = await fs.lstat(at).catch((error: unknown) => {
        if (isGone(error)) return undefined;
        throw error;
      });
      return stats ? stats.blocks * 512 : 0;
    }),
  );
  return sizes.reduce((sum, size) => sum + size, 0);
}

const isGone = (error: unknown) => ["ENOENT", "ENOTDIR"].includes((error as NodeJS.ErrnoException).code ?? "");

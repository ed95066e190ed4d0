import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

const require = createRequire(__filename);
const { installDiskQuota } = require("./storage-fault.cjs") as {
  installDiskQuota: (dir: string, bytes: number) => () => void;
};

/**
 * A small filesystem to fill up: a real tmpfs when the tests run as root (mounted here, unmounted by
 * `close`), otherwise an emulated quota (storage-fault.cjs) that fails writes the same way. Which one
 * is said on the console, so a run's output shows what was tested.
 */
export type SmallDisk = {
  dir: string;
  kind: "tmpfs" | "injected";
  /** Env for a server process using `dir` as its DATA_DIR: makes it see the quota when injected. */
  serverEnv: Record<string, string>;
  freeBytes(): Promise<number>;
  /** Takes all free space but `leaveBytes` with one file; returns what removes it. */
  fill(leaveBytes?: number): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

const PRELOAD = path.join(__dirname, "preload.cjs");

/** `inThisProcess`: inject the quota here (service tests) rather than only into a server's env (browser tests). */
export async function smallDisk(bytes: number, { inThisProcess = true } = {}): Promise<SmallDisk> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kontext-small-disk-"));
  const mounted = mountTmpfs(dir, bytes);
  const uninstall = !mounted && inThisProcess ? installDiskQuota(dir, bytes) : () => {};
  console.info(
    mounted
      ? `small disk: a real ${bytes >> 10} KiB tmpfs mounted at ${dir}`
      : `small disk: cannot mount a tmpfs (not root, or mount refused), so a ${bytes >> 10} KiB quota is injected instead (testing/small-disk/storage-fault.cjs) at ${dir}`,
  );

  const freeBytes = async () => {
    if (mounted) {
      const { bavail, bsize } = await fs.promises.statfs(dir);
      return bavail * bsize;
    }
    return bytes - usage(dir);
  };

  return {
    dir,
    kind: mounted ? "tmpfs" : "injected",
    serverEnv: mounted
      ? {}
      : {
          NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${PRELOAD}`.trim(),
          KONTEXT_TEST_DISK_DIR: dir,
          KONTEXT_TEST_DISK_BYTES: String(bytes),
        },
    freeBytes,
    async fill(leaveBytes = 0) {
      const file = path.join(dir, `filler-${Date.now()}-${Math.random().toString(36).slice(2)}`);
      const size = Math.max(0, (await freeBytes()) - leaveBytes);
      // Written through the real file system; a tmpfs refuses what does not fit, which is the point.
      try {
        fs.writeFileSync(file, Buffer.alloc(size));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
      }
      return async () => fs.rmSync(file, { force: true });
    },
    async close() {
      uninstall();
      if (mounted) unmount(dir);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function mountTmpfs(dir: string, bytes: number): boolean {
  // SMALL_DISK=injected tries the fallback on a machine that could mount.
  if (process.env.SMALL_DISK === "injected" || process.getuid?.() !== 0) return false;
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${bytes}`, "tmpfs", dir], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
}

function unmount(dir: string): void {
  try {
    execFileSync("umount", [dir], { stdio: "pipe" });
  } catch {
    // Still busy (a server that has not let go yet): detach now, freed when the last user closes.
    execFileSync("umount", ["-l", dir], { stdio: "pipe" });
  }
}

function usage(root: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).size;
  }
  return total;
}

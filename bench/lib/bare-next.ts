import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { assertPortFree, rememberGroup } from "./processes";
import { ROOT, type ScenarioContext, sleep, waitFor } from "./scenario";

/**
 * The yardstick for page weight: a Next app with nothing in it but one page and one client
 * component, built with this project's own Next and React (its node_modules is a link to ours).
 * It lives outside the repository, where Next would otherwise find this project's proxy and
 * instrumentation, and is built again only when Next changes.
 */
const BARE_DIR = path.join(os.tmpdir(), "kontext-bench-bare-next");
const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");

const FILES: Record<string, string> = {
  "app/layout.jsx": `export default function Layout({ children }) {
  return (<html lang="en"><body>{children}</body></html>);
}
`,
  "app/page.jsx": `import { Counter } from "./counter";
export default function Page() {
  return (<main><h1>Bare</h1><Counter /></main>);
}
`,
  "app/counter.jsx": `"use client";
import { useState } from "react";
export function Counter() {
  const [count, setCount] = useState(0);
  return (<button type="button" onClick={() => setCount(count + 1)}>Clicked {count} times</button>);
}
`,
};

/** Turbopack compiles only files under its root, which must hold both the app and the linked node_modules. */
function commonAncestor(a: string, b: string): string {
  const [left, right] = [a.split(path.sep), b.split(path.sep)];
  let same = 0;
  while (same < left.length && left[same] === right[same]) same++;
  return left.slice(0, same).join(path.sep) || path.sep;
}

const nextVersion = () =>
  (JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules/next/package.json"), "utf8")) as { version: string }).version;

function build(ctx: ScenarioContext): void {
  const stamp = path.join(BARE_DIR, "built-with");
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === nextVersion()) return;
  ctx.log(`building the bare Next ${nextVersion()} app (once per Next version)`);
  fs.rmSync(BARE_DIR, { recursive: true, force: true });
  for (const [file, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(BARE_DIR, file)), { recursive: true });
    fs.writeFileSync(path.join(BARE_DIR, file), text);
  }
  const root = commonAncestor(BARE_DIR, ROOT);
  fs.writeFileSync(path.join(BARE_DIR, "next.config.mjs"), `export default { turbopack: { root: ${JSON.stringify(root)} } };\n`);
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(BARE_DIR, "node_modules"));
  execFileSync(process.execPath, [NEXT_BIN, "build"], {
    cwd: BARE_DIR,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: "" },
    stdio: "ignore",
  });
  fs.writeFileSync(stamp, nextVersion());
}

/** Builds the bare app if needed and serves it with `next start`; answers its base URL. */
export async function startBareNext(ctx: ScenarioContext, port: number): Promise<string> {
  build(ctx);
  await assertPortFree(port);
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: BARE_DIR,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
    detached: true,
  });
  rememberGroup(child.pid);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  ctx.onCleanup(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    process.kill(-child.pid!, "SIGTERM");
    if (!(await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]))) process.kill(-child.pid!, "SIGKILL");
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor("the bare Next app", async () => (await fetch(url).catch(() => undefined))?.ok || undefined, 60_000, 200);
  return url;
}

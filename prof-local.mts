// Temporary profiling driver (not committed).
import { spawn } from "node:child_process";
import fs from "node:fs";
import autocannon from "autocannon";
const port = 3499;
const url = `http://127.0.0.1:${port}`;
const data = fs.mkdtempSync("/tmp/i11-profdata-");
const child = spawn(process.execPath, ["--cpu-prof", "--cpu-prof-dir=/tmp/i11-prof", "node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)], {
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: ".next-bench", KONTEXT_ENGINE: "local", DATA_DIR: data, LOG_LEVEL: "warn" },
  stdio: "inherit",
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
for (;;) { try { if ((await fetch(`${url}/api/health`)).ok) break; } catch {} await sleep(200); }
const post = (body: object) => fetch(`${url}/api/predictions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then((r) => r.json());
for (let i = 0; i < 3; i++) { const v = await post({ prompt: `warm ${i}` }); for (;;) { const s = await (await fetch(`${url}/api/predictions/${v.id}`)).json(); if (s.status === "completed") break; await sleep(50); } }
for (let i = 0; i < 5; i++) await (await fetch(`${url}/`)).text();
await fetch(`${url}/api/health?reset`);
let sampling = true; const page: number[] = [];
const sampler = (async () => { while (sampling) { const t = performance.now(); await (await fetch(`${url}/`)).text(); page.push(performance.now() - t); await sleep(100); } })();
const t0 = Date.now();
const result: any = await new Promise((resolve) => autocannon({ url: `${url}/api/predictions`, method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ prompt: "A grand steampunk airship soaring through the sky" }), connections: 32, amount: 300 }, (_e: unknown, r: unknown) => resolve(r)));
console.log("submits", result.latency.p50, result.latency.p99, result.latency.max, "in", Date.now() - t0);
for (;;) { const h = await (await fetch(`${url}/api/health`)).json(); if (h.inFlight === 0 && h.waiting === 0) break; await sleep(250); }
sampling = false; await sampler;
const h = await (await fetch(`${url}/api/health`)).json();
page.sort((a, b) => a - b);
console.log("drain", Date.now() - t0, "lag", JSON.stringify(h.eventLoopDelayMs), "page p50/p99", page[Math.floor(page.length / 2)], page[Math.floor(page.length * 0.99)], "rss", h.rssBytes);
child.kill("SIGINT");
await new Promise((r) => child.once("exit", r));

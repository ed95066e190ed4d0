import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { errorEnvelopeSchema, SUBMIT_PATH } from "@/lib/contract";
import { E2E_PORTS, FAKE_API_KEY } from "@/testing/ports";
import { type ServerProcess, startPlayground } from "@/testing/server-process";

/**
 * /api/events with clients that stop reading. Loopback sockets buffer ~4 MB each before the server
 * feels it, so a few thousand full-length prompts go by; the upstream never answers, so every
 * prediction just waits in the queue and nothing else costs the server.
 */
const STALLED = 50;
/** Enough to fill any loopback socket's buffers here; submits stop as soon as every stalled client is dropped. */
const MAX_SUBMITS = 6000;
const CAP = 64 * 1024;

const cleanups: Array<() => unknown> = [];
let server: ServerProcess | undefined;
test.afterEach(async () => {
  await server?.stop("SIGKILL");
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const rssOf = (pid: number) => Number(/^VmRSS:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))![1]) * 1024;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
type StreamHealth = { eventClients: number; eventBufferedBytes: number };
const streamHealth = async (url: string) => (await (await fetch(`${url}/api/health`)).json()) as StreamHealth;
const eventClients = async (url: string) => (await streamHealth(url)).eventClients;

/** A client that connects to the stream and never reads a byte of it. */
function stalledClient(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.pause();
      socket.write("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n", () => resolve(socket));
    });
    socket.on("error", () => {});
    socket.once("error", reject);
  });
}

test("clients that stop reading are dropped at the cap, one that reads keeps everything, and a full house answers 503", async () => {
  test.setTimeout(240_000);
  const silent = net.createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => silent.close());
  server = await startPlayground({
    port: E2E_PORTS.eventStreams,
    env: {
      KONTEXT_ENGINE: "wavespeed",
      WAVESPEED_API_KEY: FAKE_API_KEY,
      WAVESPEED_BASE_URL: `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`,
      WAVESPEED_MAX_CONCURRENCY: "1",
      DATA_DIR: path.join(process.env.E2E_DATA_ROOT!, "event-streams"),
      // Thousands of submits on purpose: the submit limits would stop them first.
      SUBMITS_PER_MINUTE: "1000000",
      MAX_QUEUED: "1000000",
      SSE_MAX_CLIENTS: String(STALLED + 1),
      SSE_MAX_BUFFER_BYTES: String(CAP),
    },
  });
  const { url } = server;
  const pid = server.process.pid!;

  const reader = new AbortController();
  cleanups.push(() => reader.abort());
  const stream = await fetch(`${url}/api/events`, { signal: reader.signal });
  // Runs heard of, by id: on a slow machine a run may also fail while the test goes on (its upstream never
  // answers), which is a second event about the same run.
  const heard = new Set<string>();
  const reading = (async () => {
    const decoder = new TextDecoder();
    let text = "";
    for await (const chunk of stream.body as unknown as AsyncIterable<Uint8Array>) {
      text += decoder.decode(chunk, { stream: true });
      const events = text.split("\n\n");
      text = events.pop() ?? "";
      for (const event of events) {
        const id = /^event: prediction\ndata: \{"id":"([^"]+)"/.exec(event)?.[1];
        if (id) heard.add(id);
      }
    }
  })().catch(() => {});

  const before = rssOf(pid);
  const stalled = await Promise.all(Array.from({ length: STALLED }, () => stalledClient(E2E_PORTS.eventStreams)));
  cleanups.push(() => {
    for (const socket of stalled) socket.destroy();
  });
  await expect.poll(() => eventClients(url)).toBe(STALLED + 1);

  const refused = await fetch(`${url}/api/events`);
  expect(refused.status).toBe(503);
  expect(refused.headers.get("retry-after")).toBe("10");
  expect(errorEnvelopeSchema.parse(await refused.json())).toMatchObject({ code: 503, error_code: "server_busy" });

  const filler = " over the quiet harbour at dawn with gulls".repeat(60);
  const prompt = (n: number) => `[duration:600000] run ${n}${filler}`.slice(0, 2000);
  let submitted = 0;
  let mostHeld = 0;
  for (;;) {
    const { eventClients: open, eventBufferedBytes: held } = await streamHealth(url);
    mostHeld = Math.max(mostHeld, held);
    if (open <= 1 || submitted >= MAX_SUBMITS) break;
    await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        fetch(`${url}${SUBMIT_PATH}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ prompt: prompt(submitted + i) }),
        }).then((response) => expect(response.status).toBe(200)),
      ),
    );
    submitted += 16;
  }
  expect(await eventClients(url)).toBe(1);
  await expect.poll(() => heard.size, { timeout: 60_000 }).toBe(submitted);
  // What the server holds for its clients never passed the cap per client (plus the event that crossed it).
  expect(mostHeld).toBeGreaterThan(0);
  expect(mostHeld).toBeLessThanOrEqual((STALLED + 1) * (CAP + 8 * 1024));
  expect((await streamHealth(url)).eventBufferedBytes).toBeLessThanOrEqual(CAP);
  const after = rssOf(pid);
  console.info(
    `event streams: server RSS ${mib(before)} before, ${mib(after)} after ${submitted} events; ` +
      `at most ${mib(mostHeld)} held for ${STALLED} stalled clients before they were dropped`,
  );

  reader.abort();
  await reading;
  await expect.poll(() => eventClients(url)).toBe(0);
});

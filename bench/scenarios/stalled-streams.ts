import net from "node:net";
import { SUBMIT_PATH } from "../../lib/contract";
import { health, submitPrediction, waitForIdle, waitForTerminal } from "../lib/playground-client";
import { FAKE_KEY, type Fake, type Playground, rssOf, startBenchPlayground, startFake, wavespeedEnv } from "../lib/processes";
import type { Check } from "../lib/result";
import { runScenario, type ScenarioContext, sleep } from "../lib/scenario";
import { mb } from "../lib/stats";

const PORTS = { fake: 3460, without: 3461, reading: 3463, with: 3462 };
const STALLED = 50;
const PREDICTIONS = 800;
const CONCURRENT_SUBMITS = 16;
const SAMPLE_EVERY_MS = 200;
/** The longest prompt accepted: the heaviest events a client can be sent. */
const PROMPT = "a harbour at night with boats and a red moon over the water, ".repeat(40).slice(0, 2000);

type Clients = { count: number; reading: boolean };

type Run = {
  clients: Clients;
  idle: number;
  peak: number;
  drained: number;
  closed: number;
  /** The most the server had queued for its event-stream clients at once (a client's share counted in full). */
  mostHeld: number;
  clientsLeft: number;
};

/**
 * The same 800 predictions with full-length prompts: with no event-stream client, with 50 that read
 * everything, and with 50 that connect and never read. Without a cap, every event waits in memory for
 * every stalled client; with it, a client is dropped once SSE_MAX_BUFFER_BYTES wait unread. The run
 * with readers tells what serving 50 clients costs at all from what their stalling costs.
 */
runScenario(
  { name: "stalled-streams", title: "Memory with 50 stalled event-stream clients", timeLimitMs: 320_000 },
  async (ctx) => {
    const fake = await startFake(ctx, PORTS.fake, { durationMs: 300 });
    const without = await measure(ctx, fake, PORTS.without, { count: 0, reading: false });
    const reading = await measure(ctx, fake, PORTS.reading, { count: STALLED, reading: true });
    const withStalled = await measure(ctx, fake, PORTS.with, { count: STALLED, reading: false });
    const growth = withStalled.peak - without.peak;
    const afterClose = withStalled.closed - without.drained;
    ctx.log(
      `peak ${mb(without.peak)} without, ${mb(reading.peak)} with ${STALLED} readers, ${mb(withStalled.peak)} with ${STALLED} stalled clients`,
    );

    const checks: Check[] = [
      {
        metric: `peak server RSS with ${STALLED} stalled clients, above the run without`,
        target: "≤ 50 MB",
        measured: mb(growth),
        pass: growth <= 50 * 2 ** 20,
      },
      {
        metric: "RSS once the stalled clients are gone, above the run without",
        target: "≤ 50 MB",
        measured: mb(afterClose),
        pass: afterClose <= 50 * 2 ** 20,
      },
    ];
    const row = (label: string, run: Run) => [
      label,
      mb(run.idle),
      mb(run.peak),
      mb(run.drained),
      mb(run.closed),
      mb(run.mostHeld),
      run.clients.count - run.clientsLeft,
    ];
    return {
      checks,
      tables: [
        {
          title: `${PREDICTIONS} predictions, ${PROMPT.length}-character prompts, fake upstream (300 ms tasks); server RSS`,
          columns: ["run", "idle", "peak", "drained", "clients closed", "most queued for clients", "clients dropped"],
          rows: [
            row("no event-stream clients", without),
            row(`${STALLED} clients reading everything`, reading),
            row(`${STALLED} stalled clients`, withStalled),
          ],
        },
      ],
      figures: { without, reading, withStalled },
    };
  },
);

async function measure(ctx: ScenarioContext, fake: Fake, port: number, clients: Clients): Promise<Run> {
  const playground = await startBenchPlayground(ctx, port, {
    ...wavespeedEnv(fake),
    WAVESPEED_MAX_CONCURRENCY: "50",
    DATA_DIR: ctx.tempDir(`streams-${port}`),
  });
  const { url } = playground;
  for (let i = 0; i < 3; i++)
    await waitForTerminal(url, (await submitPrediction(url, { prompt: `warm-up ${i}` })).id, 30_000, 50);
  await sleep(1_000);
  const idle = rss(playground);

  const sockets = await Promise.all(Array.from({ length: clients.count }, () => eventClient(port, clients.reading)));
  ctx.onCleanup(() => {
    for (const socket of sockets) socket.destroy();
  });

  let peak = idle;
  let mostHeld = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, rss(playground));
      mostHeld = Math.max(mostHeld, (await health(url)).eventBufferedBytes);
      await sleep(SAMPLE_EVERY_MS);
    }
  })();
  ctx.onCleanup(() => (sampling = false));

  for (let n = 0; n < PREDICTIONS; n += CONCURRENT_SUBMITS) {
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENT_SUBMITS, PREDICTIONS - n) }, (_, i) =>
        fetch(`${url}${SUBMIT_PATH}`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${FAKE_KEY}` },
          body: JSON.stringify({ prompt: `${n + i} ${PROMPT}`.slice(0, 2000) }),
        }).then((response) => response.arrayBuffer()),
      ),
    );
  }
  await waitForIdle(url, 200_000);
  sampling = false;
  await sampler;
  const drained = rss(playground);
  const clientsLeft = (await health(url)).eventClients;

  for (const socket of sockets) socket.destroy();
  await sleep(2_000);
  const closed = rss(playground);
  await playground.stop();
  return { clients, idle, peak, drained, closed, mostHeld, clientsLeft };
}

const rss = (playground: Playground) => rssOf(playground.pid) ?? 0;

/** Connects to /api/events and reads everything, or never a byte. */
function eventClient(port: number, reading: boolean): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => {
      if (reading) socket.resume();
      else socket.pause();
      socket.write("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n", () => resolve(socket));
    });
    socket.once("error", reject);
  });
}

import { expect, test } from "@playwright/test";
import pg from "pg";
import { EDIT_PATH, predictionEnvelopeSchema, uploadedEnvelopeSchema } from "@/lib/contract";
import { POSTGRES_MIGRATIONS } from "@/lib/db/postgres/migrations";
import { completionHeard, sampleEvents } from "@/testing/event-stream";
import { rawRequest } from "@/testing/http-client";
import { jpegOf } from "@/testing/images";
import { startNginx } from "@/testing/nginx";
import { E2E_PORTS } from "@/testing/ports";
import { startWebhookReceiver } from "@/testing/webhook-receiver";
import { type Cluster, mostAtOnce, result, SUBMIT, startCluster, submit } from "./cluster";

// One cluster for the file: the specs run in order, the last ones stop instance A.
test.describe.configure({ mode: "serial" });
let cluster: Cluster;
test.beforeAll(async () => {
  test.setTimeout(180_000);
  cluster = await startCluster();
});
test.afterAll(async () => cluster?.stop());

const submitsOf = (prompt: string) =>
  cluster.fake.requests.filter(
    (request) => request.method === "POST" && request.path.endsWith("/text-to-image") && request.prompt === prompt,
  );

/** Each delivery's state and attempts as the shared database holds them, in the order of `ids`. */
async function deliveryStates(ids: string[]) {
  const client = new pg.Client(cluster.databaseUrl);
  await client.connect();
  try {
    const { rows } = await client.query<{ prediction_id: string; state: string; attempts: number }>(
      "SELECT prediction_id, state, attempts FROM webhook_deliveries WHERE prediction_id = ANY($1)",
      [ids],
    );
    return ids.map((id) =>
      rows
        .filter((row) => row.prediction_id === id)
        .map((row) => `${row.state} ${row.attempts}`)
        .join(),
    );
  } finally {
    await client.end();
  }
}

async function settled(url: string, ids: string[], timeout = 60_000) {
  await expect
    .poll(async () => (await Promise.all(ids.map((id) => result(url, id)))).map((data) => data.status), { timeout })
    .toEqual(ids.map(() => expect.stringMatching(/^(completed|failed)$/)));
  return Promise.all(ids.map((id) => result(url, id)));
}

test("two instances that start together on an empty database migrate it exactly once", async () => {
  const client = new pg.Client(cluster.databaseUrl);
  await client.connect();
  // Before the first instance creates it, there is no table to read.
  const versions = () =>
    client
      .query<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version")
      .then(({ rows }) => rows.map((row) => row.version))
      .catch(() => []);
  // Each instance migrates in the background as it starts; both take turns on one advisory lock.
  await expect.poll(versions).toEqual(POSTGRES_MIGRATIONS.map((_, index) => index + 1));
  await client.end();
  for (const instance of [cluster.a, cluster.b]) expect((await fetch(`${instance.url}/api/health`)).status).toBe(200);
});

test("12 submits alternating between A and B: all complete, never more than 3 upstream at once, no 429", async () => {
  test.setTimeout(120_000);
  const prompts = Array.from({ length: 12 }, (_, i) => `scale burst ${i} ${Date.now()}`);
  const created = await Promise.all(prompts.map((prompt, i) => submit((i % 2 ? cluster.b : cluster.a).url, prompt)));
  const done = await settled(
    cluster.a.url,
    created.map((data) => data.id),
  );
  expect(done.map((data) => data.status)).toEqual(done.map(() => "completed"));
  for (const prompt of prompts) expect(submitsOf(prompt)).toHaveLength(1);
  expect(cluster.fake.tasks.size).toBe(12);
  expect(mostAtOnce(cluster.fake)).toBeLessThanOrEqual(3);
});

test("one line for both: runs wait first come, first served across instances, each told its place in the cluster's line", async () => {
  test.setTimeout(120_000);
  const token = Date.now();
  // Every place upstream taken, so what comes next waits. The places free one at a time, 1.5 s apart, so each
  // waiting run is taken (and sent) in a moment of its own, whichever instance frees the place.
  const blockers = await Promise.all(
    [3000, 4500, 6000].map((ms, i) => submit(cluster.a.url, `scale fifo blocker ${i} ${token} [duration:${ms}]`)),
  );
  await expect
    .poll(() => cluster.fake.requests.filter((r) => r.method === "POST" && r.prompt?.includes(`${token}`)).length)
    .toBe(3);
  const order = ["B1", "A2", "B3", "A4"];
  const waiting: Array<{ id: string }> = [];
  for (const name of order)
    waiting.push(await submit((name[0] === "A" ? cluster.a : cluster.b).url, `scale fifo ${name} ${token} [duration:4500]`));
  for (const instance of [cluster.a, cluster.b]) {
    const positions = await Promise.all(
      waiting.map(async (data) => (await (await fetch(`${instance.url}/api/predictions/${data.id}`)).json()).queuePosition),
    );
    expect(positions).toEqual([1, 2, 3, 4]);
  }
  await settled(
    cluster.a.url,
    [...blockers, ...waiting].map((data) => data.id),
  );
  const sent = cluster.fake.requests
    .filter(
      (r) =>
        r.method === "POST" &&
        r.prompt?.startsWith("scale fifo ") &&
        r.prompt.includes(`${token}`) &&
        !r.prompt.includes("blocker"),
    )
    .map((r) => r.prompt!.split(" ")[2]);
  expect(sent).toEqual(order);
});

test("a sweep made on A and cancelled on B: no cell that was waiting is sent, by either instance", async () => {
  test.setTimeout(120_000);
  const token = `scale sweep ${Date.now()}`;
  const created = await fetch(`${cluster.a.url}/api/sweeps`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      base: { prompt: `${token} [duration:8000]` },
      x: { field: "seed", random: 12 },
      confirmedCostUsd: 0.48,
    }),
  });
  expect(created.status).toBe(201);
  const sweep = (await created.json()) as { id: string; cells: Array<{ id: string }> };
  await expect.poll(() => submitsOf(`${token} [duration:8000]`).length).toBe(3);
  const cancelled = await fetch(`${cluster.b.url}/api/sweeps/${sweep.id}/cancel`, {
    method: "POST",
    headers: { "content-type": "application/json" },
  });
  expect(cancelled.status).toBe(200);
  const cells = await settled(
    cluster.b.url,
    sweep.cells.map((cell) => cell.id),
  );
  expect(cells.filter((cell) => cell.status === "completed")).toHaveLength(3);
  expect(cells.filter((cell) => cell.status === "failed" && /cancelled/.test(cell.error))).toHaveLength(9);
  expect(submitsOf(`${token} [duration:8000]`)).toHaveLength(3);
});

test("images and thumbnails are read through either instance; a delete on B removes the objects", async () => {
  const created = await submit(cluster.a.url, `scale files ${Date.now()}`, { num_images: 2 });
  const [done] = await settled(cluster.a.url, [created.id]);
  expect(done.outputs).toHaveLength(2);
  for (const instance of [cluster.a, cluster.b]) {
    for (const [index, output] of done.outputs.entries()) {
      const image = await fetch(instance.url + new URL(output).pathname);
      expect(image.status).toBe(200);
      expect(image.headers.get("content-type")).toMatch(/^image\//);
      expect((await image.arrayBuffer()).byteLength).toBeGreaterThan(1000);
      expect((await fetch(`${instance.url}/api/thumbs/${created.id}/${index}.webp`)).status).toBe(200);
    }
  }
  expect(await cluster.objectsOf("images")).toContain(created.id);
  expect(await cluster.objectsOf("thumbs")).toContain(created.id);

  expect((await fetch(`${cluster.b.url}/api/predictions/${created.id}`, { method: "DELETE" })).status).toBe(204);
  expect(await cluster.objectsOf("images")).not.toContain(created.id);
  expect(await cluster.objectsOf("thumbs")).not.toContain(created.id);
  expect((await fetch(`${cluster.a.url}/api/v3/predictions/${created.id}/result`)).status).toBe(404);
});

test("a cached share page on B follows a note made on A at once, and a delete on A takes it down on B", async () => {
  const [done] = await settled(cluster.a.url, [(await submit(cluster.a.url, `scale share ${Date.now()}`)).id]);
  const page = async (instance: typeof cluster.b) => {
    const response = await fetch(`${instance.url}/p/${done.id}`);
    return { status: response.status, cache: response.headers.get("cache-control"), html: await response.text() };
  };
  // B renders and caches the finished run's page.
  const first = await page(cluster.b);
  expect(first.status).toBe(200);
  expect(first.cache).toMatch(/s-maxage/);
  expect((await page(cluster.b)).status).toBe(200);

  const note = `kept from instance A ${Date.now()}`;
  const noted = await fetch(`${cluster.a.url}/api/predictions/${done.id}`, {
    method: "PATCH",
    headers: { "content-type": "application/json", origin: cluster.a.url },
    body: JSON.stringify({ note }),
  });
  expect(noted.status).toBe(200);
  expect((await page(cluster.b)).html).toContain(note);

  expect(
    (await fetch(`${cluster.a.url}/api/predictions/${done.id}`, { method: "DELETE", headers: { origin: cluster.a.url } })).status,
  ).toBe(204);
  expect((await page(cluster.b)).status).toBe(404);
});

test("an event stream on B hears of a prediction submitted on A, through to completion", async () => {
  let id = "";
  const heard = await sampleEvents(
    cluster.b.url,
    async () => {
      id = (await submit(cluster.a.url, `scale events ${Date.now()}`)).id;
    },
    (text) => completionHeard(text, id),
  );
  expect(heard).toContain(`"id":"${id}"`);
  expect(completionHeard(heard, id)).toBe(true);
});

test("a webhook asked of either instance is delivered once, though both hear the run end", async () => {
  const receiver = await startWebhookReceiver();
  try {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const instance = i % 2 ? cluster.b : cluster.a;
      const response = await fetch(`${instance.url}${SUBMIT}?webhook=${encodeURIComponent(`${receiver.url}/hook/${i}`)}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ prompt: `scale webhook ${i} ${Date.now()}` }),
      });
      ids.push(predictionEnvelopeSchema.parse(await response.json()).data.id);
    }
    await settled(cluster.a.url, ids);
    // Both instances heard every run end. Once a delivery is recorded as delivered, no instance posts it
    // again (an attempt takes the delivery first, and an ended one is never taken): wait for that.
    await expect.poll(() => deliveryStates(ids), { timeout: 30_000 }).toEqual(ids.map(() => "delivered 1"));
    expect(receiver.received.map((call) => call.path).sort()).toEqual(ids.map((_, i) => `/hook/${i}`).sort());
  } finally {
    await receiver.close();
  }
});

test("an edit asked of B starts from a picture uploaded to A, and from A's output: both read from the shared store", async () => {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(await jpegOf(96, 64, "#c0392b"))], { type: "image/jpeg" }), "red.jpg");
  const uploaded = await fetch(`${cluster.a.url}/api/v3/media/upload/binary`, { method: "POST", body: form });
  expect(uploaded.status).toBe(200);
  const { download_url } = uploadedEnvelopeSchema.parse(await uploaded.json()).data;
  const [generated] = await settled(cluster.a.url, [(await submit(cluster.a.url, `scale edit source ${Date.now()}`)).id]);
  // Behind one load balancer every instance has one public address; here each has its own, so paths stand for it.
  const images = [new URL(download_url).pathname, new URL(generated.outputs[0]).pathname];
  const edits = [];
  for (const image of images) {
    const response = await fetch(cluster.b.url + EDIT_PATH, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ prompt: `make it night ${Date.now()}`, image }),
    });
    expect(response.status).toBe(200);
    edits.push(predictionEnvelopeSchema.parse(await response.json()).data.id);
  }
  const done = await settled(cluster.b.url, edits);
  expect(done.map((data) => data.status)).toEqual(["completed", "completed"]);
  for (const data of done) expect((await fetch(cluster.a.url + new URL(data.outputs[0]).pathname)).status).toBe(200);
});

test("kill -9 of A mid-poll: B finishes A's runs within the lease and a poll; a run A was submitting fails, never resent", async () => {
  test.setTimeout(120_000);
  const token = Date.now();
  const polled = [1, 2].map((n) => `scale orphan ${n} ${token} [duration:4000]`);
  const hanging = `scale submitting ${token} [hang-submit]`;
  const orphans = await Promise.all(polled.map((prompt) => submit(cluster.a.url, prompt)));
  const stuck = await submit(cluster.a.url, hanging);
  await expect
    .poll(async () => (await Promise.all(orphans.map((data) => result(cluster.b.url, data.id)))).map((data) => data.status))
    .toEqual(["processing", "processing"]);
  await expect.poll(() => submitsOf(hanging).length).toBe(1);

  await cluster.a.stop("SIGKILL");
  const killedAt = Date.now();
  const done = await settled(
    cluster.b.url,
    orphans.map((data) => data.id),
  );
  expect(done.map((data) => data.status)).toEqual(["completed", "completed"]);
  for (const prompt of polled) expect(submitsOf(prompt)).toHaveLength(1);
  // B polled the orphaned tasks: the fake saw result requests for them after the kill.
  const pollsAfterKill = cluster.fake.requests.filter(
    (request) => request.method === "GET" && polled.includes(request.prompt ?? "") && request.time > killedAt,
  );
  expect(pollsAfterKill.length).toBeGreaterThan(0);

  const [failed] = await settled(cluster.b.url, [stuck.id]);
  expect(failed.status).toBe("failed");
  expect(failed.error).toMatch(/unknown.*not sent again/);
  expect(submitsOf(hanging)).toHaveLength(1);
});

test("SIGTERM: A hands its runs to B at once, long before its lease would run out", async () => {
  test.setTimeout(120_000);
  // A lease far longer than the wait below: only a released claim lets B finish in time.
  const a = await cluster.restartA({ CLAIM_LEASE_MS: "600000" });
  const prompt = `scale graceful ${Date.now()} [duration:5000]`;
  const run = await submit(a.url, prompt);
  await expect.poll(async () => (await result(cluster.b.url, run.id)).status).toBe("processing");
  await a.stop("SIGTERM");
  const [done] = await settled(cluster.b.url, [run.id], 45_000);
  expect(done.status).toBe("completed");
  expect(submitsOf(prompt)).toHaveLength(1);
});

test("behind nginx balancing over both, as a deployment: one cached copy of a share page for both, https links, a delete at once", async () => {
  test.setTimeout(180_000);
  const publicUrl = "https://play.example.test";
  await cluster.b.stop();
  const deployed = { PUBLIC_URL: publicUrl, TRUST_PROXY: "1" };
  const [a, b] = await Promise.all([cluster.restartA(deployed), cluster.restartB(deployed)]);
  const proxy = await startNginx({
    port: E2E_PORTS.scaleProxy,
    serverName: "play.example.test",
    upstreams: [E2E_PORTS.scaleA, E2E_PORTS.scaleB],
  });
  try {
    const submitted = await proxy.request(SUBMIT, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ prompt: `scale behind nginx ${Date.now()}`, enable_sync_mode: true }),
    });
    const run = predictionEnvelopeSchema.parse(JSON.parse(submitted.body)).data;
    expect(run.status).toBe("completed");
    expect(run.urls.get).toBe(`${publicUrl}/api/v3/predictions/${run.id}/result`);

    // Rendered once by A, then served from the one cache by B as well: as nginx forwards, asked of each directly.
    const asProxied = { host: "play.example.test", "x-forwarded-host": "play.example.test", "x-forwarded-proto": "https" };
    const direct = (instance: typeof a) => rawRequest(`${instance.url}/p/${run.id}`, { headers: asProxied });
    const first = await direct(a);
    expect([first.status, first.headers["x-nextjs-cache"]]).toEqual([200, "MISS"]);
    const onB = await direct(b);
    expect([onB.status, onB.headers["x-nextjs-cache"]]).toEqual([200, "HIT"]);
    expect(onB.body).toBe(first.body);
    expect(onB.headers["content-security-policy"]).toBe(first.headers["content-security-policy"]);
    // A guest's views through the balancer, whichever instance answers.
    for (let i = 0; i < 4; i++) {
      const view = await proxy.request(`/p/${run.id}`);
      expect([view.status, view.headers["x-nextjs-cache"]]).toEqual([200, "HIT"]);
      expect(view.headers["cache-control"]).toBe("public, s-maxage=60, stale-while-revalidate=86400");
      expect(view.body).toContain(`<meta property="og:url" content="${publicUrl}/p/${run.id}"/>`);
      expect(view.body).not.toMatch(/https?:\/\/(127\.0\.0\.1|localhost)/);
    }

    const deleted = await proxy.request(`/api/predictions/${run.id}`, { method: "DELETE" });
    expect(deleted.status).toBe(204);
    for (const instance of [a, b]) {
      const gone = await direct(instance);
      expect(gone.status).toBe(404);
      expect(gone.headers["cache-control"]).toContain("no-store");
    }
  } finally {
    await proxy.stop();
  }
});

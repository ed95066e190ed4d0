import { expect, test } from "@playwright/test";
import { rawRequest } from "@/testing/http-client";
import { ACCESS_URL, OWNER } from "./api-client";

test("/api/health tells guests and monitors only that the server lives; the owner gets the figures", async () => {
  for (const path of ["/api/health", "/api/health?reset"]) {
    const guest = await rawRequest(`${ACCESS_URL}${path}`);
    expect(guest.status).toBe(200);
    expect(guest.headers["cache-control"]).toBe("no-store");
    expect(JSON.parse(guest.body)).toEqual({ ok: true });
  }
  const owner = await rawRequest(`${ACCESS_URL}/api/health`, { headers: OWNER });
  expect(owner.status).toBe(200);
  expect(JSON.parse(owner.body)).toMatchObject({
    ok: true,
    engine: "local",
    inFlight: expect.any(Number),
    rssBytes: expect.any(Number),
    eventLoopDelayMs: { p99: expect.any(Number) },
    eventClients: expect.any(Number),
  });
});

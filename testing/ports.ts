/**
 * Loopback ports of the servers the browser tests start. `E2E_PORT_BASE` moves them all,
 * so two test runs on one machine do not collide.
 */
const base = Number(process.env.E2E_PORT_BASE ?? 3100);

export const E2E_PORTS = {
  local: base,
  wavespeed: base + 1,
  fakeUpstream: base + 90,
  /** For specs that start and stop a playground of their own. */
  restart: base + 50,
  /** A fresh playground an export is imported into. */
  importTarget: base + 51,
} as const;

/** The key the fake upstream expects; a real key never appears in tests. */
export const FAKE_API_KEY = "ws-test-key-3f9c2d1e8b7a";

/** The sweep benchmark's servers; `E2E_PORT_BASE` moves them too, so a bench run beside a test run does not collide. */
export const SWEEP_BENCH_PORTS = { fake: base + 60, polling: base + 61, webhook: base + 62 } as const;

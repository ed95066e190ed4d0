/**
 * Loopback ports of the servers the browser tests start. `E2E_PORT_BASE` moves them all,
 * so two test runs on one machine do not collide.
 */
const base = Number(process.env.E2E_PORT_BASE ?? 3100);

export const E2E_PORTS = {
  local: base,
  wavespeed: base + 1,
  /** The playground with ACCESS_TOKEN set: owner and guest. */
  access: base + 2,
  fakeUpstream: base + 90,
  /** For specs that start and stop a playground of their own, one port per spec file. */
  restart: base + 50,
  limits: base + 51,
  publicUrl: base + 52,
  startup: base + 53,
} as const;

/** ACCESS_TOKEN of the playgrounds that have an owner; made up for the tests. */
export const E2E_ACCESS_TOKEN = "e2e-owner-token-5b7d1f03c9";

/** The key the fake upstream expects; a real key never appears in tests. */
export const FAKE_API_KEY = "ws-test-key-3f9c2d1e8b7a";

/** Loopback ports of the servers the browser tests start. */
export const E2E_PORTS = {
  local: 3100,
  wavespeed: 3101,
  fakeUpstream: 3190,
  /** For specs that start and stop a playground of their own. */
  restart: 3150,
} as const;

/** The key the fake upstream expects; a real key never appears in tests. */
export const FAKE_API_KEY = "ws-test-key-3f9c2d1e8b7a";

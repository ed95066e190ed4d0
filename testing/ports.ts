/**
 * Loopback ports of the servers the browser tests start. `E2E_PORT_BASE` moves them all,
 * so two test runs on one machine do not collide.
 */
const base = Number(process.env.E2E_PORT_BASE ?? 3100);

/** Ports fetch() and browsers refuse to connect to (the Fetch standard's "bad ports" above 1023). */
const BLOCKED = new Set([
  1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);
const usable = (port: number) => (BLOCKED.has(port) ? port + 1 : port);

const offsets = {
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
  diskFull: base + 54,
  eventStreams: base + 55,
  logs: base + 56,
  /** The served-contract specs' own playgrounds (short sync timeout, a rejected key) and their upstream. */
  served: base + 60,
  servedRejected: base + 61,
  servedUpstream: base + 91,
  /** A fresh playground an export is imported into. */
  importTarget: base + 57,
  /** A WaveSpeed playground with a daily budget for the MCP specs, and its upstream. */
  mcpBudget: base + 58,
  mcpUpstream: base + 94,
  /** A playground whose sessions a spec ends all at once, and one the fuzz spec sends bodies to. */
  sessions: base + 66,
  fuzz: base + 59,
  /** A playground behind nginx, and nginx ending TLS in front of it. */
  behindProxy: base + 68,
  proxyTls: base + 69,
  /** Two instances on PostgreSQL and S3, and their upstream. */
  scaleA: base + 70,
  scaleB: base + 71,
  /** nginx balancing over the two. */
  scaleProxy: base + 72,
  /** The operator's view: metrics behind METRICS_TOKEN, readiness, tracing, a Storage panel, and a backup's source and target. */
  metrics: base + 74,
  readiness: base + 75,
  tracing: base + 76,
  storage: base + 77,
  backupSource: base + 78,
  backupTarget: base + 79,
  scaleReady: base + 80,
  /** A playground of its own for history's paging, whose 26 runs would push other specs' runs off the first pages. */
  historyPaging: base + 84,
  scaleUpstream: base + 93,
};

export const E2E_PORTS = Object.fromEntries(Object.entries(offsets).map(([name, port]) => [name, usable(port)])) as Readonly<
  typeof offsets
>;

/** ACCESS_TOKEN of the playgrounds that have an owner; made up for the tests. */
export const E2E_ACCESS_TOKEN = "e2e-owner-token-5b7d1f03c9";

/** The key the fake upstream expects; a real key never appears in tests. */
export const FAKE_API_KEY = "ws-test-key-3f9c2d1e8b7a";

/** The sweep benchmark's servers; `E2E_PORT_BASE` moves them too, so a bench run beside a test run does not collide. */
export const SWEEP_BENCH_PORTS = { fake: base + 60, polling: base + 61, webhook: base + 62 } as const;

/** The MCP benchmark's servers: the fake upstream, a playground on it, and one on the local engine. */
export const MCP_BENCH_PORTS = { fake: base + 63, wavespeed: base + 64, local: base + 65 } as const;
/** The hostile-input benchmark's playground. */
export const HOSTILE_BENCH_PORT = base + 67;
/** The share-page benchmark's playground. */
export const SHARE_PAGE_BENCH_PORT = base + 73;
/** The page-weight benchmark's playground and the bare Next app it is weighed against. */
export const PAGE_WEIGHT_BENCH_PORTS = { playground: base + 350, bare: base + 351 } as const;
/** The scale-out benchmark's servers: its fake upstream and two instances, and a second set for the split sweep. */
export const SCALE_BENCH_PORTS = {
  fake: base + 100,
  a: base + 101,
  b: base + 102,
  sweepFake: base + 103,
  sweepA: base + 104,
  sweepB: base + 105,
} as const;
/** The operator's benchmarks: /metrics at 10,000 runs (with a fake upstream), and backup and restore. */
export const OPERATIONS_BENCH_PORTS = { fake: base + 81, scrape: base + 82, backup: base + 83 } as const;
/** The guest share-page benchmark's playground (with an owner). */
export const SHARE_PAINT_BENCH_PORT = base + 352;

/**
 * Who may ask for what, as data: the proxy applies it to every request. The first rule that
 * matches decides; anything not listed is the owner's. Opening a new shared view to guests is
 * one line here.
 */
/** `scraper`: the owner, or a scraper holding METRICS_TOKEN; a guest gets 401 there, never a sign-in page. */
export type Audience = "anyone" | "owner" | "scraper";

/**
 * `query`: the rule holds only when the request's query string carries this parameter.
 * `onAddress`: also answered when asked for at the instance's own address (a bare IP in Host), as a
 * load balancer or a scraper asks each instance, even where PUBLIC_URL names the one host pages answer to.
 */
type Rule = { path: string; query?: string; methods?: readonly string[]; audience: Audience; onAddress?: true };

const READ = ["GET", "HEAD"] as const;

export const ACCESS_RULES: readonly Rule[] = [
  // Shared results: anyone holding the link. Prediction ids are 128-bit random, so they cannot be guessed.
  { path: "/p/:id", methods: READ, audience: "anyone" },
  { path: "/api/predictions/:id", methods: READ, audience: "anyone" },
  { path: "/api/images/:id/:file", methods: READ, audience: "anyone" },
  { path: "/api/thumbs/:id/:file", methods: READ, audience: "anyone" },
  // An edit's "before": input pictures by content hash (a share page shows them to guests), and uploads
  // at their download URL (the 128-bit upload id is the secret, as WaveSpeed's own links are).
  { path: "/api/inputs/:file", methods: READ, audience: "anyone" },
  { path: "/api/uploads/:id/:file", methods: READ, audience: "anyone" },
  // The PUT an upload ticket points at carries its own secret in the URL: the SDK sends no key there.
  { path: "/api/uploads/:id", methods: ["PUT"], audience: "anyone" },
  // Shared views made of shared results: a compare of chosen images, a sweep's grid.
  { path: "/compare", methods: READ, audience: "anyone" },
  { path: "/s/:id", methods: READ, audience: "anyone" },
  { path: "/api/sweeps/:id", methods: READ, audience: "anyone" },
  { path: "/api/sweeps/:id/grid.png", methods: READ, audience: "anyone" },
  // Link-preview cards of shared views (and of settings links, which name no run), for chat apps' crawlers.
  { path: "/api/cards/*", methods: READ, audience: "anyone" },
  // A settings link (`/?prompt=…`): a guest, and a chat app's crawler, get its preview and a way to sign in;
  // the page shows a guest nothing of the playground (app/page.tsx).
  { path: "/", query: "prompt", methods: READ, audience: "anyone" },
  // The way in, liveness for monitors, and WaveSpeed's callback (it carries its own signature).
  { path: "/login", methods: READ, audience: "anyone" },
  { path: "/api/session", audience: "anyone" },
  { path: "/api/health", methods: READ, audience: "anyone", onAddress: true },
  // Readiness for load balancers, which carry no token; and the metrics a scraper reads.
  { path: "/api/ready", methods: READ, audience: "anyone", onAddress: true },
  { path: "/metrics", methods: READ, audience: "scraper", onAddress: true },
  { path: "/api/webhooks/wavespeed", methods: ["POST"], audience: "anyone" },
  // What every page loads.
  { path: "/_next/*", methods: READ, audience: "anyone" },
  { path: "/icon.svg", methods: READ, audience: "anyone" },
  { path: "/robots.txt", methods: READ, audience: "anyone" },
  { path: "/favicon.ico", methods: READ, audience: "anyone" },
];

/**
 * Requests that change state send JSON, which no form on another site can send. These routes take
 * files instead; the same-site check still stands for them (a cookie counts only from our own pages).
 */
const JSON_ONLY = ["application/json"] as const;
const IMAGE_BODIES = ["image/jpeg", "image/png", "image/webp", "image/gif", "application/octet-stream"] as const;
export const BODY_TYPES: readonly { path: string; methods: readonly string[]; types: readonly string[] }[] = [
  {
    path: "/api/import",
    methods: ["POST"],
    types: ["application/zip", "application/x-zip-compressed", "application/octet-stream"],
  },
  { path: "/api/v3/media/upload/binary", methods: ["POST"], types: ["multipart/form-data"] },
  { path: "/api/uploads/:id", methods: ["PUT"], types: IMAGE_BODIES },
];

/** `/a/:param/b` matches one segment per parameter; a trailing `/*` matches anything below. */
function compile(path: string): RegExp {
  const pattern = path
    .split("/")
    .map((segment) =>
      segment === "*" ? ".*" : segment.startsWith(":") ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
    )
    .join("/");
  return new RegExp(`^${pattern}$`);
}

const COMPILED = ACCESS_RULES.map((rule) => ({ ...rule, pattern: compile(rule.path) }));

const ruleFor = (method: string, pathname: string, search = "") =>
  COMPILED.find(
    (candidate) =>
      candidate.pattern.test(pathname) &&
      (!candidate.methods || candidate.methods.includes(method.toUpperCase())) &&
      (!candidate.query || new URLSearchParams(search).has(candidate.query)),
  );

export function audienceFor(method: string, pathname: string, search = ""): Audience {
  return ruleFor(method, pathname, search)?.audience ?? "owner";
}

/** Whether the request may name the instance's own address as its host (health, readiness, metrics). */
export const answersOnAddress = (method: string, pathname: string): boolean => ruleFor(method, pathname)?.onAddress === true;

const COMPILED_BODY_TYPES = BODY_TYPES.map((rule) => ({ ...rule, pattern: compile(rule.path) }));

/** The body types a mutating request to this path may declare. */
export function bodyTypesFor(method: string, pathname: string): readonly string[] {
  const rule = COMPILED_BODY_TYPES.find(
    (candidate) => candidate.pattern.test(pathname) && candidate.methods.includes(method.toUpperCase()),
  );
  return rule?.types ?? JSON_ONLY;
}

/** Owner-only API paths answer 401 in the envelope; owner-only pages send a guest to sign in. */
export const isApiPath = (pathname: string) => pathname === "/api" || pathname.startsWith("/api/");

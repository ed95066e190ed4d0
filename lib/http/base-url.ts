import { type Env, getEnv, isLoopbackBind } from "../env";
import { baseUrlFor } from "./request-host";

/**
 * The absolute base for links we hand out: PUBLIC_URL when set, otherwise the host the request
 * came to, so links work on whatever address was used. A host this server does not answer to
 * (the proxy refuses it before any route runs) never makes it into a link.
 */
export function requestBaseUrl(headers: Headers): string {
  const env = getEnv();
  const rules = { publicUrl: env.PUBLIC_URL, loopbackBind: isLoopbackBind(env.HOST), trustProxy: env.TRUST_PROXY };
  return baseUrlFor(headers, rules, `http://localhost:${env.PORT}`);
}

/**
 * The site's own address: PUBLIC_URL, else the address the server binds (`http://127.0.0.1:3000`
 * by default). Pages rendered once for everyone (a finished run's share page) build their links on it.
 */
export function siteUrl(env: Env = getEnv()): string {
  if (env.PUBLIC_URL) return env.PUBLIC_URL;
  const host = env.HOST.includes(":") && !env.HOST.startsWith("[") ? `[${env.HOST}]` : env.HOST;
  return `http://${host}:${env.PORT}`;
}

/** Whether the site is served over https, so its pages carry HSTS and upgrade-insecure-requests. */
export const servesHttps = (env: Env = getEnv()) => env.PUBLIC_URL?.startsWith("https://") ?? false;

import { getEnv, isLoopbackBind } from "../env";
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

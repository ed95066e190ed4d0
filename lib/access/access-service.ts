import { AppError } from "../errors";
import { clientAddress, type HostRules, requestedProto } from "../http/request-host";
import type { Limiter } from "./limiter";
import { bearerToken, sameSecret, sessionPassword } from "./secrets";
import { newSession, sealSession, unsealSession } from "./session";

export type AccessConfig = {
  /** ACCESS_TOKEN; without it everyone who reaches the server is the owner. */
  accessToken?: string;
  hosts: HostRules;
  /** PUBLIC_URL is https: HSTS and upgrade-insecure-requests. */
  https: boolean;
  development: boolean;
  /** Hashes of the inline scripts every page carries (the theme script), allowed by every policy. */
  knownScriptHashes?: readonly string[];
};

/** How the owner was recognised; a guest has no caller. */
export type Identity = { owner: true; caller: string; via: "token" | "session" | "open" } | { owner: false };

/**
 * Who is asking, and signing in. Wrong tokens, by Bearer header or at /login, are counted per
 * client address by the `failures` limiter; past it, every attempt from there is refused.
 */
export class AccessService {
  private readonly password?: string;

  constructor(
    readonly config: AccessConfig,
    private readonly failures: Limiter,
  ) {
    this.password = config.accessToken ? sessionPassword(config.accessToken) : undefined;
  }

  get signInRequired(): boolean {
    return Boolean(this.config.accessToken);
  }

  /** The owner by Bearer token or session cookie, or a guest. A wrong token is a 401, or 429 past the limit. */
  async identify(headers: Headers, sessionCookie: string | undefined): Promise<Identity> {
    const token = this.config.accessToken;
    if (!token || !this.password) return { owner: true, caller: `address:${clientAddress(headers)}`, via: "open" };
    const presented = bearerToken(headers.get("authorization"));
    if (presented !== undefined) {
      await this.verify(presented, clientAddress(headers));
      return { owner: true, caller: "token", via: "token" };
    }
    const session = sessionCookie ? await unsealSession(sessionCookie, this.password) : undefined;
    return session ? { owner: true, caller: `session:${session.sid}`, via: "session" } : { owner: false };
  }

  /** A sealed session for the cookie, once the token is right; undefined when no token is configured. */
  async signIn(presented: string, address: string): Promise<string | undefined> {
    if (!this.config.accessToken || !this.password) return undefined;
    await this.verify(presented, address);
    return sealSession(newSession(), this.password);
  }

  /** The cookie is Secure when the page is https. */
  secureCookies(headers: Headers): boolean {
    return this.config.https || requestedProto(headers, this.config.hosts.trustProxy) === "https";
  }

  private async verify(presented: string, address: string): Promise<void> {
    const limit = await this.failures.check(address);
    if (!limit.allowed) {
      const seconds = Math.ceil(limit.retryAfterSeconds);
      throw new AppError(
        "rate_limited",
        `Too many wrong access tokens from this address; try again in ${seconds} s.`,
        undefined,
        {
          retryAfterSeconds: seconds,
        },
      );
    }
    if (sameSecret(presented, this.config.accessToken ?? "")) return;
    await this.failures.take(address);
    throw new AppError("unauthorized", "That access token is not right.", "token");
  }
}

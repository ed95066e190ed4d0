import type { SessionRepo } from "../db/session-repo";
import { AppError } from "../errors";
import { clientAddress, type HostRules, requestedProto } from "../http/request-host";
import type { Limiter } from "./limiter";
import { bearerToken, sameSecret, sessionPassword } from "./secrets";
import { newSession, SESSION_TTL_SECONDS, type Session, sealSession, unsealSession } from "./session";

export type AccessConfig = {
  /** ACCESS_TOKEN; without it everyone who reaches the server is the owner. */
  accessToken?: string;
  hosts: HostRules;
  /** PUBLIC_URL is https: HSTS and upgrade-insecure-requests. */
  https: boolean;
  development: boolean;
  /** Hashes of the inline scripts every page carries (the theme script), allowed by every policy. */
  knownScriptHashes?: readonly string[];
  /** METRICS_TOKEN: opens /metrics, and nothing else, to whoever presents it. */
  metricsToken?: string;
};

/** How the owner was recognised; a guest has no caller. */
export type Identity = { owner: true; caller: string; via: "token" | "session" | "open" } | { owner: false };

/**
 * Who is asking, signing in and out. Wrong tokens, by Bearer header or at /login, are counted per
 * client address by the `failures` limiter; past it, every attempt from there is refused. A session
 * counts only while the server's record of it is live (`sessions`), so signing out ends it for every
 * copy of the cookie; a new token ends them all, as every cookie was sealed with the old one.
 */
export class AccessService {
  private readonly password?: string;

  constructor(
    readonly config: AccessConfig,
    private readonly failures: Limiter,
    private readonly sessions: SessionRepo,
    private readonly now: () => Date = () => new Date(),
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
    const session = await this.liveSession(sessionCookie);
    return session ? { owner: true, caller: `session:${session.sid}`, via: "session" } : { owner: false };
  }

  /** The request presents METRICS_TOKEN as its Bearer token. */
  presentsMetricsToken(headers: Headers): boolean {
    const presented = bearerToken(headers.get("authorization"));
    const { metricsToken } = this.config;
    return presented !== undefined && metricsToken !== undefined && sameSecret(presented, metricsToken);
  }

  /** A sealed session for the cookie, once the token is right; undefined when no token is configured. */
  async signIn(presented: string, address: string): Promise<string | undefined> {
    if (!this.config.accessToken || !this.password) return undefined;
    await this.verify(presented, address);
    const session = newSession();
    const now = this.now();
    await this.sessions.removeExpired(now.toISOString());
    await this.sessions.create({
      id: session.sid,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_TTL_SECONDS * 1000).toISOString(),
    });
    return sealSession(session, this.password);
  }

  /** Ends the session this cookie names, for every copy of it; a cookie that names none is no error. */
  async signOut(sessionCookie: string | undefined): Promise<void> {
    const session = await this.liveSession(sessionCookie);
    if (session) await this.sessions.revoke(session.sid, this.now().toISOString());
  }

  /** Ends every session, this one included; how many there were. The token itself still works. */
  signOutEverywhere(): Promise<number> {
    return this.sessions.revokeAll(this.now().toISOString());
  }

  /** The cookie is Secure when the page is https. */
  secureCookies(headers: Headers): boolean {
    return this.config.https || requestedProto(headers, this.config.hosts.trustProxy) === "https";
  }

  /** The session a cookie names, if it is sealed with this token and the server still counts it. */
  private async liveSession(sessionCookie: string | undefined): Promise<Session | undefined> {
    if (!sessionCookie || !this.password) return undefined;
    const session = await unsealSession(sessionCookie, this.password);
    return session && (await this.sessions.isLive(session.sid, this.now().toISOString())) ? session : undefined;
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

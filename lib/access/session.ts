import { sealData, unsealData } from "iron-session";
import { z } from "zod";

/** The owner's session: an id (submits are counted per session) sealed in an httpOnly cookie. */
export const SESSION_COOKIE = "kontext_session";
export const SESSION_TTL_SECONDS = 30 * 24 * 60 * 60;

const sessionSchema = z.object({ sid: z.string().min(16) });
export type Session = z.infer<typeof sessionSchema>;

export function newSession(): Session {
  return { sid: Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("hex") };
}

/** iron-session seals (encrypts and signs) the session; the TTL is sealed in with it. */
export const sealSession = (session: Session, password: string) => sealData(session, { password, ttl: SESSION_TTL_SECONDS });

/** The session in a cookie value, or undefined when it is forged, expired, or sealed with another token. */
export async function unsealSession(value: string, password: string): Promise<Session | undefined> {
  try {
    const parsed = sessionSchema.safeParse(await unsealData(value, { password, ttl: SESSION_TTL_SECONDS }));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** httpOnly and SameSite=Lax always; Secure when the page is https. */
export const sessionCookieOptions = (secure: boolean, maxAge = SESSION_TTL_SECONDS) =>
  ({ httpOnly: true, sameSite: "lax", secure, path: "/", maxAge }) as const;

import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { type EmbeddedIPv4, embeddedIPv4 } from "./embedded-ipv4";

/**
 * Whether the server may send a request to a URL a client gave it (a webhook target; later an
 * image URL). A client must not be able to make the server reach what only the server can reach:
 * loopback, private and link-local networks, cloud metadata addresses. So the host is resolved
 * and every address it has is checked; the request then goes to the address that was checked
 * (pinned-request.ts), so a second DNS answer (rebinding) cannot slip another one in.
 */
export type TargetPolicy = {
  /** Lets plain http and non-public addresses through: tests on 127.0.0.1, a receiver on the LAN. */
  allowPrivate: boolean;
  /** Every address of a host name; the system resolver unless a test gives another. */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
  /**
   * For tests that let a loopback server stand in for a public host: which addresses count as public
   * (ordinary public unicast otherwise), and whether plain http is let through (with allowPrivate otherwise).
   */
  isPublic?: (address: string) => boolean;
  allowHttp?: boolean;
};

export type ResolvedAddress = { address: string; family: 4 | 6 };
export type CheckedTarget = ResolvedAddress & { url: URL };

export class TargetRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TargetRefused";
  }
}

/** ipaddr.js's names for the ranges that are not ordinary public unicast, as a sentence says them. */
const RANGE_WORDS: Record<string, string> = {
  unspecified: "an unspecified",
  broadcast: "a broadcast",
  multicast: "a multicast",
  linkLocal: "a link-local",
  loopback: "a loopback",
  carrierGradeNat: "a carrier-grade NAT (CGNAT)",
  private: "a private",
  uniqueLocal: "a unique-local",
  reserved: "a reserved",
  rfc6052: "a local-use NAT64 (64:ff9b:1::/48)",
};

/** Where an address leads: its range ("unicast" when public), and the IPv4 address it carries when that decided it. */
export type AddressJudgement = { range: string; embedded?: EmbeddedIPv4 };

/**
 * Judges an address by where a packet to it goes. An IPv6 form that carries an IPv4 address
 * (IPv4-mapped or -compatible, NAT64, 6to4, Teredo: embedded-ipv4.ts) is judged by what it carries,
 * so `[::127.0.0.1]` is loopback and `64:ff9b::808:808` as public as 8.8.8.8.
 */
export function judgeAddress(address: string): AddressJudgement {
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv4") return { range: parsed.range() };
  const ipv6 = parsed as ipaddr.IPv6;
  const own = ipv6.range();
  if (own === "unspecified" || own === "loopback") return { range: own };
  const carried = embeddedIPv4(ipv6);
  const inner = carried.find((embedded) => embedded.address.range() !== "unicast");
  if (inner) return { range: inner.address.range(), embedded: inner };
  return { range: carried.length > 0 ? "unicast" : own };
}

/** The range an address falls in: "unicast" for an ordinary public address. */
export const addressRange = (address: string) => judgeAddress(address).range;

export const isPublicAddress = (address: string) => addressRange(address) === "unicast";

/** "a loopback address", with the carried IPv4 address and its form when it decided. */
function describeAddress(address: string, echo: boolean): string {
  const { range, embedded } = judgeAddress(address);
  const what = `${RANGE_WORDS[range] ?? `a non-public (${range})`} address`;
  if (!embedded) return what;
  return echo ? `${what}: it carries ${embedded.address.toString()} as ${embedded.form}` : `${what}, carried as ${embedded.form}`;
}

const systemResolve = async (hostname: string): Promise<ResolvedAddress[]> =>
  (await lookup(hostname, { all: true, verbatim: true })).map(({ address, family }) => ({
    address,
    family: family === 6 ? 6 : 4,
  }));

/** Checks a URL against the policy and resolves it; throws TargetRefused with the reason. */
export async function checkTarget(raw: string | URL, policy: TargetPolicy): Promise<CheckedTarget> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TargetRefused("it is not an absolute URL");
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && (policy.allowHttp ?? policy.allowPrivate))) {
    throw new TargetRefused(`it must be an https URL, not ${url.protocol.replace(/:$/, "")}`);
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const addresses = ipaddr.isValid(host)
    ? [{ address: host, family: ipaddr.parse(host).kind() === "ipv6" ? 6 : 4 } as ResolvedAddress]
    : await resolveHost(host, policy);
  if (!policy.allowPrivate) {
    const inner = addresses.find((candidate) => !(policy.isPublic ?? isPublicAddress)(candidate.address));
    if (inner) {
      // The address a name resolves to is not echoed: the server's DNS answers are not the client's to read.
      const literal = inner.address === host;
      const what = describeAddress(inner.address, literal);
      throw new TargetRefused(literal ? `${host} is ${what}` : `its host ${host} resolves to ${what}`);
    }
  }
  return { url, ...addresses[0] };
}

async function resolveHost(host: string, policy: TargetPolicy): Promise<ResolvedAddress[]> {
  const addresses = await (policy.resolve ?? systemResolve)(host).catch(() => []);
  if (addresses.length === 0) throw new TargetRefused(`its host ${host} could not be resolved`);
  return addresses;
}

import ipaddr from "ipaddr.js";

/** An IPv4 address carried inside an IPv6 one, and the form that carries it, as a sentence names it. */
export type EmbeddedIPv4 = { address: ipaddr.IPv4; form: string };

const ipv4Of = (high: number, low: number) => ipaddr.fromByteArray([high >> 8, high & 0xff, low >> 8, low & 0xff]) as ipaddr.IPv4;

/** The ranges whose last 32 bits are an IPv4 address: where such a packet ends up is that address. */
const TRAILING: Array<{ prefix: ipaddr.IPv6; bits: number; form: string }> = [
  { prefix: ipaddr.IPv6.parse("::ffff:0:0"), bits: 96, form: "IPv4-mapped IPv6" },
  { prefix: ipaddr.IPv6.parse("::ffff:0:0:0"), bits: 96, form: "IPv4-translated IPv6" },
  { prefix: ipaddr.IPv6.parse("64:ff9b::"), bits: 96, form: "NAT64 (64:ff9b::/96)" },
  { prefix: ipaddr.IPv6.parse("::"), bits: 96, form: "IPv4-compatible IPv6 (::/96)" },
];
const SIX_TO_FOUR = ipaddr.IPv6.parse("2002::");
const TEREDO = ipaddr.IPv6.parse("2001::");

/**
 * Every IPv4 address an IPv6 address carries, by the forms that can route to one: IPv4-mapped and
 * IPv4-translated, NAT64's well-known prefix, the deprecated IPv4-compatible `::a.b.c.d`, 6to4
 * (`2002:AABB:CCDD::/48` carries AA.BB.CC.DD) and Teredo (its server, and its client's address,
 * stored inverted). Empty for an address that carries none.
 */
export function embeddedIPv4(address: ipaddr.IPv6): EmbeddedIPv4[] {
  const parts = address.parts;
  const trailing = TRAILING.find((range) => address.match(range.prefix, range.bits));
  if (trailing) return [{ address: ipv4Of(parts[6], parts[7]), form: trailing.form }];
  if (address.match(SIX_TO_FOUR, 16)) return [{ address: ipv4Of(parts[1], parts[2]), form: "6to4 (2002::/16)" }];
  if (address.match(TEREDO, 32))
    return [
      { address: ipv4Of(parts[2], parts[3]), form: "the server of a Teredo address (2001::/32)" },
      { address: ipv4Of(~parts[6] & 0xffff, ~parts[7] & 0xffff), form: "the client of a Teredo address (2001::/32)" },
    ];
  return [];
}

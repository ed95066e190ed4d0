import { describe, expect, it } from "vitest";
import { addressRange, checkTarget, isPublicAddress, type ResolvedAddress, TargetRefused } from "./target-guard";

const resolver =
  (table: Record<string, string[]>) =>
  async (hostname: string): Promise<ResolvedAddress[]> =>
    (table[hostname] ?? []).map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

const strict = { allowPrivate: false, resolve: resolver({}) };

async function refusal(url: string, policy = strict): Promise<string> {
  const error = await checkTarget(url, policy).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TargetRefused);
  return (error as Error).message;
}

describe("addresses", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["::1", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "linkLocal"],
    ["fe80::1", "linkLocal"],
    ["fd00::1", "uniqueLocal"],
    ["100.64.0.1", "carrierGradeNat"],
    ["224.0.0.1", "multicast"],
    ["ff02::1", "multicast"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:169.254.169.254", "linkLocal"],
    // IPv6 forms that carry an IPv4 address are judged by the address they carry.
    ["::7f00:1", "loopback"],
    ["::a00:1", "private"],
    ["::a9fe:a9fe", "linkLocal"],
    ["::ffff:0:7f00:1", "loopback"],
    ["64:ff9b::a00:1", "private"],
    ["64:ff9b::7f00:1", "loopback"],
    ["2002:a00:1::", "private"],
    ["2002:7f00:1:1::1", "loopback"],
    ["2002:a9fe:a9fe::", "linkLocal"],
    // Teredo: server 10.0.0.1, client 8.8.8.8 stored inverted; then server 8.8.8.8, client 127.0.0.1.
    ["2001:0:a00:1::f7f7:f7f7", "private"],
    ["2001:0:808:808::80ff:fffe", "loopback"],
    // Local-use NAT64 is for a network's own translator.
    ["64:ff9b:1::808:808", "rfc6052"],
  ])("%s is not public (%s)", (address, range) => {
    expect(addressRange(address)).toBe(range);
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each([
    "93.184.216.34",
    "8.8.8.8",
    "2606:4700:4700::1111",
    "::ffff:8.8.8.8",
    "::808:808",
    "64:ff9b::808:808",
    "2002:808:808::1",
    "2001:0:808:808::f7f7:f7f7",
  ])("%s is public", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe("checkTarget", () => {
  it("takes an https URL whose every address is public, and answers the address to connect to", async () => {
    const policy = { allowPrivate: false, resolve: resolver({ "hooks.example": ["93.184.216.34", "2606:2800:220:1::1"] }) };
    const target = await checkTarget("https://hooks.example/in?token=1", policy);
    expect(target).toMatchObject({ address: "93.184.216.34", family: 4 });
    expect(target.url.href).toBe("https://hooks.example/in?token=1");
  });

  it("refuses plain http, and other schemes, unless private targets are allowed", async () => {
    expect(await refusal("http://93.184.216.34/hook")).toMatch(/must be an https URL, not http/);
    expect(await refusal("ftp://93.184.216.34/hook")).toMatch(/not ftp/);
    expect(await refusal("ftp://93.184.216.34/hook", { ...strict, allowPrivate: true })).toMatch(/not ftp/);
    await expect(checkTarget("http://93.184.216.34/hook", { ...strict, allowPrivate: true })).resolves.toMatchObject({
      address: "93.184.216.34",
    });
  });

  it("refuses literal addresses that are not public, IPv6 and IPv4-mapped forms included", async () => {
    expect(await refusal("https://127.0.0.1/hook")).toBe("127.0.0.1 is a loopback address");
    expect(await refusal("https://[::1]:8443/hook")).toBe("::1 is a loopback address");
    expect(await refusal("https://[::ffff:169.254.169.254]/latest/meta-data")).toMatch(/link-local address/);
    expect(await refusal("https://[fd12::3]/")).toMatch(/unique-local address/);
    expect(await refusal("https://100.100.100.200/")).toMatch(/carrier-grade NAT/);
    expect(await refusal("https://0.0.0.0/")).toMatch(/unspecified address/);
  });

  it("refuses an IPv6 literal that carries a non-public IPv4 address, saying which and how", async () => {
    expect(await refusal("https://[::127.0.0.1]/hook")).toBe(
      "::7f00:1 is a loopback address: it carries 127.0.0.1 as IPv4-compatible IPv6 (::/96)",
    );
    expect(await refusal("https://[64:ff9b::169.254.169.254]/")).toBe(
      "64:ff9b::a9fe:a9fe is a link-local address: it carries 169.254.169.254 as NAT64 (64:ff9b::/96)",
    );
    expect(await refusal("https://[2002:c0a8:101::1]/")).toBe(
      "2002:c0a8:101::1 is a private address: it carries 192.168.1.1 as 6to4 (2002::/16)",
    );
    expect(await refusal("https://[2001:0:808:808::80ff:fffe]/")).toMatch(
      /loopback address: it carries 127\.0\.0\.1 as the client of a Teredo address/,
    );
    // A name resolving to such a form is refused without echoing the address.
    const policy = { allowPrivate: false, resolve: resolver({ "sneaky.example": ["::7f00:1"] }) };
    expect(await refusal("https://sneaky.example/hook", policy)).toBe(
      "its host sneaky.example resolves to a loopback address, carried as IPv4-compatible IPv6 (::/96)",
    );
    await expect(checkTarget("https://[64:ff9b::808:808]/hook", strict)).resolves.toMatchObject({ family: 6 });
  });

  it("checks every address a name resolves to, so one private answer among public ones is refused", async () => {
    const policy = { allowPrivate: false, resolve: resolver({ "mixed.example": ["93.184.216.34", "10.0.0.7"] }) };
    expect(await refusal("https://mixed.example/hook", policy)).toBe("its host mixed.example resolves to a private address");
  });

  it("refuses a name that does not resolve, and text that is not a URL", async () => {
    expect(await refusal("https://nowhere.example/hook")).toMatch(/could not be resolved/);
    expect(await refusal("not a url")).toMatch(/not an absolute URL/);
  });

  it("lets private addresses through when allowed, still resolving the name", async () => {
    const policy = { allowPrivate: true, resolve: resolver({ "receiver.test": ["127.0.0.1"] }) };
    await expect(checkTarget("http://receiver.test:8080/hook", policy)).resolves.toMatchObject({ address: "127.0.0.1" });
    expect(await refusal("http://unknown.test/hook", policy)).toMatch(/could not be resolved/);
  });
});

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
    ["64:ff9b::a00:1", "rfc6052"],
    ["2002:a00:1::", "6to4"],
  ])("%s is not public (%s)", (address, range) => {
    expect(addressRange(address)).toBe(range);
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("%s is public", (address) => {
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

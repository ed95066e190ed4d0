/**
 * The seed rule, in one place: a seed that is missing, null or -1 asks for a
 * random one, which the server picks and records so the run can be repeated.
 */
export const MIN_SEED = -1;
export const MAX_SEED = 2_147_483_647;
export const RANDOM_SEED = -1;

export const wantsRandomSeed = (seed: number | null | undefined): seed is null | undefined | -1 =>
  seed === null || seed === undefined || seed === RANDOM_SEED;

/** A uniform seed in 0..MAX_SEED; Web Crypto, so the browser and the server share it. */
export function randomSeed(): number {
  // MAX_SEED + 1 is 2^31: dropping one bit of a uniform 32-bit value keeps it uniform.
  return crypto.getRandomValues(new Uint32Array(1))[0] >>> 1;
}

/** The seed a run uses: the one asked for, or a fresh random one. */
export const resolveSeed = (requested: number | null | undefined): number =>
  wantsRandomSeed(requested) ? randomSeed() : requested;

/** A seed as a request carries it: absent when random, so snippets and links stay short. */
export function withSeed<T extends object>(request: T, seed: number | null | undefined): T & { seed?: number } {
  return wantsRandomSeed(seed) ? request : { ...request, seed };
}

import type { SafetyTolerance } from "@/lib/domain";

/**
 * A deliberately small stand-in for a real safety checker. Each word has a
 * severity from 1 (mildly suggestive) to 5 (explicit); a prompt is flagged when
 * its worst word reaches the tolerance, so "1" flags anything on the list and
 * "5" flags only the most explicit words. The picture is still produced: the
 * flag only travels to `has_nsfw_contents`, as upstream does.
 */
const SEVERITY: Record<string, number> = {
  kiss: 1,
  bikini: 1,
  weapon: 1,
  gun: 1,
  fight: 1,
  sexy: 2,
  seductive: 2,
  lingerie: 2,
  blood: 2,
  kill: 2,
  bloody: 3,
  topless: 3,
  gore: 3,
  corpse: 3,
  nude: 4,
  naked: 4,
  nudity: 4,
  dismembered: 4,
  nsfw: 5,
  porn: 5,
  explicit: 5,
};

const SUFFIXES = ["", "s", "es", "ed", "ing", "y"];

function severityOf(token: string): number {
  let worst = 0;
  for (const suffix of SUFFIXES) {
    if (suffix && !token.endsWith(suffix)) continue;
    const stem = token.slice(0, token.length - suffix.length);
    worst = Math.max(worst, SEVERITY[stem] ?? 0);
  }
  return worst;
}

/** The highest severity of any listed word in the prompt; 0 when none. */
export function promptSeverity(prompt: string): number {
  const tokens = prompt.toLowerCase().split(/[^a-z]+/);
  return tokens.reduce((worst, token) => Math.max(worst, token ? severityOf(token) : 0), 0);
}

/** Tolerance "n" lets severities below n pass. */
export function isFlagged(prompt: string, tolerance: SafetyTolerance): boolean {
  return promptSeverity(prompt) >= Number(tolerance);
}

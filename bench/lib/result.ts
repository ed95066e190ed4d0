import fs from "node:fs";
import path from "node:path";
import type { MachineInfo } from "./machine";

/** One target: what was promised, what was measured. `pass: null` means it could not be measured. */
export type Check = { metric: string; target: string; measured: string; pass: boolean | null; note?: string };

export type Table = { title: string; columns: string[]; rows: Array<Array<string | number>> };

export type ScenarioResult = {
  scenario: string;
  title: string;
  command: string;
  machine: MachineInfo;
  startedAt: string;
  durationMs: number;
  status: "ok" | "error";
  error?: string;
  checks: Check[];
  tables: Table[];
  notes: string[];
  /** Raw figures, for whoever wants more than the tables. */
  figures: Record<string, unknown>;
};

export const RESULTS_DIR = path.resolve(__dirname, "../results");

/** Written whole, then renamed: a half-written file never replaces a good one. */
export function writeResult(result: ScenarioResult): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${result.scenario}.json`);
  const temporary = `${file}.tmp`;
  // Two decimals are plenty for these figures, and keep diffs between runs readable.
  const rounded = (_key: string, value: unknown) =>
    typeof value === "number" && !Number.isInteger(value) ? Math.round(value * 100) / 100 : value;
  fs.writeFileSync(temporary, `${JSON.stringify(result, rounded, 2)}\n`);
  fs.renameSync(temporary, file);
  return file;
}

export function readResults(): ScenarioResult[] {
  if (!fs.existsSync(RESULTS_DIR)) return [];
  return fs
    .readdirSync(RESULTS_DIR)
    .filter((name) => name.endsWith(".json"))
    .map((name) => JSON.parse(fs.readFileSync(path.join(RESULTS_DIR, name), "utf8")) as ScenarioResult);
}

/** A target of the form "value ≤ limit". */
export function atMost(metric: string, value: number, limit: number, format: (v: number) => string, note?: string): Check {
  const measured = Number.isFinite(value) ? format(value) : "not measured";
  return { metric, target: `≤ ${format(limit)}`, measured, pass: Number.isFinite(value) ? value <= limit : null, note };
}

export function printTable(table: Table): void {
  const cells = [table.columns, ...table.rows.map((row) => row.map(String))];
  const widths = table.columns.map((_, i) => Math.max(...cells.map((row) => String(row[i] ?? "").length)));
  console.log(`\n  ${table.title}`);
  for (const row of cells) console.log(`    ${row.map((cell, i) => String(cell).padEnd(widths[i])).join("  ")}`);
}

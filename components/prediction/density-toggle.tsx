"use client";

import type { Density } from "@/lib/playground-names";

const LABELS: Record<Density, string> = { comfortable: "Comfortable", compact: "Compact" };

/** Native radios: arrow keys and the checked state come for free. */
export function DensityToggle({ value, onChange }: { value: Density; onChange: (value: Density) => void }) {
  return (
    <div role="radiogroup" aria-label="Density" className="flex rounded-lg border border-border bg-surface p-0.5">
      {(Object.keys(LABELS) as Density[]).map((density) => (
        <label
          key={density}
          className="relative cursor-pointer rounded-md px-2.5 py-1 text-xs font-medium text-fg-muted transition-colors hover:text-fg has-checked:bg-accent/10 has-checked:text-accent has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-accent"
        >
          <input
            type="radio"
            name="density"
            value={density}
            checked={value === density}
            onChange={() => onChange(density)}
            className="absolute inset-0 cursor-pointer appearance-none rounded-md opacity-0 focus-visible:outline-none"
          />
          {LABELS[density]}
        </label>
      ))}
    </div>
  );
}

"use client";

import { Segmented } from "@/components/ui/segmented";
import type { Density } from "@/lib/playground-names";

const OPTIONS = [
  ["comfortable", "Comfortable"],
  ["compact", "Compact"],
] as const;

export function DensityToggle({ value, onChange }: { value: Density; onChange: (value: Density) => void }) {
  return (
    <Segmented label={{ text: "Density" }} name="density" options={OPTIONS} value={value} onChange={onChange} look="small" />
  );
}

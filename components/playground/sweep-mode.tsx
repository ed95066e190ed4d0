"use client";

import { useRouter } from "next/navigation";
import { type RefObject, useEffect, useMemo } from "react";
import { SweepPanel } from "@/components/sweeps/sweep-panel";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { useCreateSweep } from "@/hooks/use-sweep";
import { useSweepForm } from "@/hooks/use-sweep-form";
import type { AnyPredictionRequest } from "@/lib/contract";
import type { EngineName } from "@/lib/domain";
import type { ParentRefBody } from "@/lib/playground-api";
import { validateValues } from "@/lib/view/form-validation";
import type { EditState, FormValues } from "@/lib/view/form-values";
import { formatUsd } from "@/lib/view/format";

/** Starts a sweep of these base settings (already checked); what the form calls on Run sweep. */
export type SweepRunner = (base: AnyPredictionRequest) => Promise<void>;

type Props = {
  /** Shown while on; the axes are kept while off, for the next time. */
  on: boolean;
  values: FormValues;
  edit: EditState;
  parent: ParentRefBody | null;
  engine: EngineName;
  maxCells: number;
  runner: RefObject<SweepRunner | null>;
};

/**
 * The form's sweep mode: the axes, the grid's size and cost as the settings change, and Run sweep,
 * which asks once for anything that costs money and then opens the sweep's page. Loaded the first
 * time sweep mode is turned on.
 */
export function SweepMode({ on, values, edit, parent, engine, maxCells, runner }: Props) {
  const router = useRouter();
  const confirm = useConfirm();
  const request = useMemo(() => validateValues(values, edit).request, [values, edit]);
  const form = useSweepForm(request, engine, maxCells);
  const createSweep = useCreateSweep();
  const { summary } = form;

  useEffect(() => {
    runner.current = async (base) => {
      if (!summary.ok) return;
      const total = `${summary.cells} cells, ${summary.images} images, for ${formatUsd(summary.costUsd)}`;
      // One explicit confirmation showing the total, for any sweep that costs money.
      if (summary.costUsd > 0 && !(await confirm({ title: "Run this sweep?", body: total, confirmLabel: "Run sweep" }))) return;
      createSweep.mutate(
        { base, x: summary.x, y: summary.y, parent, confirmedCostUsd: summary.costUsd || undefined },
        { onSuccess: (sweep) => router.push(`/s/${encodeURIComponent(sweep.id)}`) },
      );
    };
  }, [runner, summary, confirm, createSweep, parent, router]);

  if (!on) return null;
  return (
    <SweepPanel
      x={form.x}
      y={form.y}
      onX={form.setX}
      onY={form.setY}
      summary={summary}
      maxCells={maxCells}
      error={createSweep.error?.message}
      pending={createSweep.isPending || createSweep.isSuccess}
    />
  );
}

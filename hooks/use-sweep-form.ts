"use client";

import { useMemo, useState } from "react";
import { type AnyPredictionRequest, isEditRequest } from "@/lib/contract";
import { costUsd, DEFAULT_MODEL, type EngineName, isSweepProblem, planSweep, type SweepAxisSpec } from "@/lib/domain";
import { type AxisDraft, axisSpecOf, draftFor, isAxisError } from "@/lib/view/sweep-form";

export type SweepSummary =
  | {
      ok: true;
      columns: number;
      rows: number;
      cells: number;
      images: number;
      costUsd: number;
      x: SweepAxisSpec;
      y: SweepAxisSpec | null;
    }
  | { ok: false; message: string };

/**
 * The form's sweep mode: two axes as drafts, and what they make of the current settings
 * (the same planning rule the server runs), so size and cost are known before anything runs.
 */
export function useSweepForm(request: AnyPredictionRequest | undefined, engine: EngineName, maxCells: number) {
  const [x, setX] = useState<AxisDraft>(() => draftFor("seed"));
  const [y, setY] = useState<AxisDraft>(() => draftFor("guidance_scale"));

  const summary: SweepSummary = useMemo(() => {
    const xSpec = axisSpecOf(x, "x");
    const ySpec = axisSpecOf(y, "y");
    if (isAxisError(xSpec)) return { ok: false, message: xSpec.error };
    if (isAxisError(ySpec)) return { ok: false, message: ySpec.error };
    if (!xSpec) return { ok: false, message: "Choose what to sweep across" };
    if (!request) return { ok: false, message: "Write a prompt (and fix any flagged setting) to see the grid's size" };
    const edit = isEditRequest(request)
      ? { kind: "images" in request ? ("multi" as const) : ("edit" as const), matchInput: !request.aspect_ratio, images: [] }
      : undefined;
    const base = {
      model: request.model ?? DEFAULT_MODEL,
      prompt: request.prompt,
      edit,
      aspect_ratio: request.aspect_ratio ?? "1:1",
      num_images: ("num_images" in request ? request.num_images : undefined) ?? 1,
      guidance_scale: request.guidance_scale ?? 3.5,
      safety_tolerance: request.safety_tolerance ?? "2",
      seed: request.seed ?? null,
    };
    // Only sizes matter here: a stand-in seed keeps random axes from drawing real ones on every keystroke.
    const plan = planSweep(base, { x: xSpec, y: ySpec }, maxCells, () => Math.floor(Math.random() * 2 ** 31));
    if (isSweepProblem(plan)) return { ok: false, message: plan.message };
    const columns = plan.x.values.length;
    const rows = plan.y?.values.length ?? 1;
    return {
      ok: true,
      columns,
      rows,
      cells: plan.cells.length,
      images: plan.images,
      costUsd: costUsd(
        engine,
        plan.cells.map((cell) => cell.input),
      ),
      x: xSpec,
      y: ySpec,
    };
  }, [x, y, request, engine, maxCells]);

  return { x, y, setX, setY, summary };
}

import { NextResponse } from "next/server";
import { getServices } from "@/lib/composition-root";
import { otherMethods } from "@/lib/http/methods";
import { withErrors } from "@/lib/http/respond";
import type { BudgetAnswer } from "@/lib/playground-api";

export const dynamic = "force-dynamic";

/** Today's WaveSpeed spend against BUDGET_USD_PER_DAY; `budget: null` when there is none. */
export const GET = withErrors(async () => {
  const answer: BudgetAnswer = { budget: await getServices().predictions.budgetToday() };
  return NextResponse.json(answer, { headers: { "Cache-Control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });

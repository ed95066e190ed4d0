"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ParentRefBody } from "@/lib/playground-api";
import {
  type EditState,
  editFromQuery,
  type FieldErrors,
  type FormValues,
  NO_EDIT,
  parentFromQuery,
  playgroundHref,
  valuesFromQuery,
} from "@/lib/view/form-values";

const URL_WRITE_DELAY_MS = 250;

type Validation = typeof import("@/lib/view/form-validation");
let validation: Validation | undefined;
/** The check (zod and the contract's schemas) is not needed to paint the form: it loads with the first edit. */
const loadValidation = async () => (validation ??= await import("@/lib/view/form-validation"));

/**
 * The form's state, mirrored into the URL query so a link shares a setup.
 * The URL is written with history.replaceState, which Next keeps in sync with
 * useSearchParams without re-rendering the server page on every keystroke
 * (router.replace would fetch the route again each time).
 */
export function usePlaygroundForm() {
  const searchParams = useSearchParams();
  const [values, setValues] = useState<FormValues>(() => valuesFromQuery(searchParams));
  // The pictures an edit starts from; none for text-to-image.
  const [edit, setEdit] = useState<EditState>(() => editFromQuery(searchParams));
  // The run these settings were taken from: what is generated is recorded as made from it.
  const [parent, setParent] = useState<ParentRefBody | null>(() => parentFromQuery(searchParams));
  // After a failed submit, errors follow every edit so they clear as soon as they are fixed.
  const [validateLive, setValidateLive] = useState(false);
  // Live only after a submit, which has loaded the check.
  const errors: FieldErrors = useMemo(
    () => (validateLive && validation ? (validation.validateValues(values, edit).errors ?? {}) : {}),
    [validateLive, values, edit],
  );
  const written = useRef(searchParams.toString());

  // A navigation to another `/?...` (back button, a "use these settings" link) refills the form.
  useEffect(() => {
    const query = searchParams.toString();
    if (query === written.current) return;
    written.current = query;
    setValues(valuesFromQuery(searchParams));
    setEdit(editFromQuery(searchParams));
    setParent(parentFromQuery(searchParams));
    setValidateLive(false);
  }, [searchParams]);

  useEffect(() => {
    const timer = setTimeout(() => {
      const href = playgroundHref(values, parent, edit);
      const query = href.startsWith("/?") ? href.slice(2) : "";
      if (query === written.current) return;
      written.current = query;
      window.history.replaceState(window.history.state, "", query ? `?${query}` : window.location.pathname);
    }, URL_WRITE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [values, parent, edit]);

  const setField = useCallback(<K extends keyof FormValues>(field: K, value: FormValues[K]) => {
    setValues((current) => ({ ...current, [field]: value }));
    void loadValidation();
  }, []);

  /** Fills the whole form, from the run `from` when given (or from nothing). */
  const replaceAll = useCallback((next: FormValues, from: ParentRefBody | null = null, nextEdit: EditState = NO_EDIT) => {
    setValues(next);
    setEdit(nextEdit);
    setParent(from);
    setValidateLive(false);
  }, []);

  /** The request to send, or the errors now flagged on the form. */
  const validate = useCallback(async () => {
    const result = (await loadValidation()).validateValues(values, edit);
    setValidateLive(Boolean(result.errors));
    return result;
  }, [values, edit]);

  return { values, edit, setEdit, errors, parent, setParent, setField, replaceAll, validate };
}

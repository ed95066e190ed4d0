"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ParentRefBody } from "@/lib/playground-api";
import {
  type FieldErrors,
  type FormValues,
  parentFromQuery,
  playgroundHref,
  validateValues,
  valuesFromQuery,
} from "@/lib/view/form-values";

const URL_WRITE_DELAY_MS = 250;

/**
 * The form's state, mirrored into the URL query so a link shares a setup.
 * The URL is written with history.replaceState, which Next keeps in sync with
 * useSearchParams without re-rendering the server page on every keystroke
 * (router.replace would fetch the route again each time).
 */
export function usePlaygroundForm() {
  const searchParams = useSearchParams();
  const [values, setValues] = useState<FormValues>(() => valuesFromQuery(searchParams));
  // The run these settings were taken from: what is generated is recorded as made from it.
  const [parent, setParent] = useState<ParentRefBody | null>(() => parentFromQuery(searchParams));
  // After a failed submit, errors follow every edit so they clear as soon as they are fixed.
  const [validateLive, setValidateLive] = useState(false);
  const errors: FieldErrors = useMemo(() => (validateLive ? (validateValues(values).errors ?? {}) : {}), [validateLive, values]);
  const written = useRef(searchParams.toString());

  // A navigation to another `/?...` (back button, a "use these settings" link) refills the form.
  useEffect(() => {
    const query = searchParams.toString();
    if (query === written.current) return;
    written.current = query;
    setValues(valuesFromQuery(searchParams));
    setParent(parentFromQuery(searchParams));
    setValidateLive(false);
  }, [searchParams]);

  useEffect(() => {
    const timer = setTimeout(() => {
      const href = playgroundHref(values, parent);
      const query = href.startsWith("/?") ? href.slice(2) : "";
      if (query === written.current) return;
      written.current = query;
      window.history.replaceState(window.history.state, "", query ? `?${query}` : window.location.pathname);
    }, URL_WRITE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [values, parent]);

  const setField = useCallback(<K extends keyof FormValues>(field: K, value: FormValues[K]) => {
    setValues((current) => ({ ...current, [field]: value }));
  }, []);

  /** Fills the whole form, from the run `from` when given (or from nothing). */
  const replaceAll = useCallback((next: FormValues, from: ParentRefBody | null = null) => {
    setValues(next);
    setParent(from);
    setValidateLive(false);
  }, []);

  /** The request to send, or the errors now flagged on the form. */
  const validate = useCallback(() => {
    const result = validateValues(values);
    setValidateLive(Boolean(result.errors));
    return result;
  }, [values]);

  return { values, errors, parent, setParent, setField, replaceAll, validate };
}

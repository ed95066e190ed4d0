"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { type FieldErrors, type FormValues, validateValues, valuesFromQuery, valuesToQuery } from "@/lib/view/form-values";

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
    setValidateLive(false);
  }, [searchParams]);

  useEffect(() => {
    const timer = setTimeout(() => {
      const query = valuesToQuery(values).toString();
      if (query === written.current) return;
      written.current = query;
      window.history.replaceState(window.history.state, "", query ? `?${query}` : window.location.pathname);
    }, URL_WRITE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [values]);

  const setField = useCallback(<K extends keyof FormValues>(field: K, value: FormValues[K]) => {
    setValues((current) => ({ ...current, [field]: value }));
  }, []);

  const replaceAll = useCallback((next: FormValues) => {
    setValues(next);
    setValidateLive(false);
  }, []);

  /** The request to send, or the errors now flagged on the form. */
  const validate = useCallback(() => {
    const result = validateValues(values);
    setValidateLive(Boolean(result.errors));
    return result;
  }, [values]);

  return { values, errors, setField, replaceAll, validate };
}

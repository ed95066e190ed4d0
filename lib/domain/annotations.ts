/** A run's note is short plain text. */
export const MAX_NOTE_CHARS = 2_000;

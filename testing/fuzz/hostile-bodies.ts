import fc from "fast-check";

/** `depth` arrays inside each other, as text: JSON.stringify itself would recurse that deep. */
const nestedArrays = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

/** Texts that are JSON on the edge, or not JSON at all. */
const ODD_TEXTS = [
  "",
  "null",
  "[]",
  "true",
  '"just a string"',
  "1e999",
  "-0",
  "{",
  '{"prompt":"a",}',
  "NaN",
  "\ufeff{}",
  '{"__proto__":{"admin":true},"prompt":"a"}',
  '{"constructor":{"prototype":{"polluted":1}},"prompt":"a"}',
  '{"prompt":"a","prompt":7}',
  '{"prompt":"\\u0000\\u0001\\u001f\\u007f"}',
  '{"prompt":"\\ud800 lone surrogate"}',
  '{"prompt":"\u202etxt.exe","note":"\u200b\u2800"}',
  '{"prompt":"a","num_images":1e308,"seed":-1e308,"guidance_scale":5e-324}',
  '{"prompt":"a","seed":12345678901234567890}',
  '{"prompt":"a","image":"r","images":["r","=="]}',
];

/**
 * Bodies no client should send, as raw text: huge, deeply nested, control characters and odd
 * unicode in every text field, wrong types and shapes, and bytes that are not JSON.
 */
export const hostileBodies: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 70_000, max: 3_000_000 }).map((length) => JSON.stringify({ prompt: "x".repeat(length), token: "y" })),
  fc.integer({ min: 10_000, max: 40_000 }).map((count) => `{"images":[${'"a",'.repeat(count)}"a"],"prompt":"a"}`),
  fc.integer({ min: 64, max: 200_000 }).map((depth) => `{"prompt":"a","base":${nestedArrays(depth)},"x":${nestedArrays(depth)}}`),
  fc.integer({ min: 64, max: 200_000 }).map(nestedObjects),
  fc.string({ unit: "binary", maxLength: 300 }).map((text) =>
    JSON.stringify({
      prompt: text,
      note: text,
      token: text,
      filename: text,
      image: text,
      base: { prompt: text },
      x: { field: text },
    }),
  ),
  fc.jsonValue({ maxDepth: 5 }).map((value) => JSON.stringify(value)),
  fc.constantFrom(...ODD_TEXTS),
  fc.string({ unit: "binary", maxLength: 500 }),
);

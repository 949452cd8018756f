/**
 * Inputs made from the contract's zod schemas, for suites that call every action: a plausible input of the right
 * shape (as far as simple candidates can satisfy the schema), the fields an object schema names, and junk values.
 */
import { z, type ZodTypeAny } from 'zod';

/** Candidates tried in turn for a string field; the first the field accepts is taken. */
const STRINGS = [
  'x1',
  '测试内容甲乙',
  '2026-11-20',
  '2026-11-20T10:00:00+08:00',
  '10:00',
  '2026-11',
  '13912345678',
  'cloud://env.bucket/x.png',
  '12345678',
  'law',
];

const NUMBERS = [1, 0, 5, 30, 100, 2000, 30.84, 120.93, -1];

function inner(schema: ZodTypeAny): ZodTypeAny | undefined {
  const def = schema._def as { schema?: ZodTypeAny; innerType?: ZodTypeAny; type?: ZodTypeAny };
  return def.schema ?? def.innerType;
}

/** The fields an object schema names (through refinements, defaults and optionals); null for other schemas. */
export function shapeOf(schema: ZodTypeAny): Record<string, ZodTypeAny> | null {
  for (let s: ZodTypeAny | undefined = schema; s; s = inner(s)) {
    if (s instanceof z.ZodObject) return s.shape as Record<string, ZodTypeAny>;
  }
  return null;
}

function first<T>(candidates: readonly T[], schema: ZodTypeAny): T | undefined {
  return candidates.find((c) => schema.safeParse(c).success);
}

/** A value the schema accepts when simple candidates do; otherwise a value of the right type. */
export function sampleOf(schema: ZodTypeAny): unknown {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodNullable || schema instanceof z.ZodEffects) {
    return sampleOf(inner(schema)!);
  }
  if (schema instanceof z.ZodString) return first(STRINGS, schema) ?? 'x1';
  if (schema instanceof z.ZodNumber) return first(NUMBERS, schema) ?? 1;
  if (schema instanceof z.ZodBoolean) return true;
  if (schema instanceof z.ZodLiteral) return schema.value;
  if (schema instanceof z.ZodEnum) return schema.options[0];
  if (schema instanceof z.ZodUnion) return sampleOf(schema.options[0]);
  if (schema instanceof z.ZodArray) {
    const min = (schema._def as { minLength?: { value: number } }).minLength?.value ?? 1;
    return Array.from({ length: Math.max(1, min) }, () => sampleOf(schema.element));
  }
  if (schema instanceof z.ZodRecord) return {};
  if (schema instanceof z.ZodObject) {
    const shape = schema.shape as Record<string, ZodTypeAny>;
    return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, sampleOf(v)]));
  }
  return null;
}

/** Values that are wrong for nearly any field: wrong types, empties, extremes, injections, hostile keys. */
export const JUNK: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  '',
  ' ',
  'x'.repeat(5000),
  '\u0000\u202e',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  "' OR 1=1 --",
  '{"$gt":""}',
  '2026-02-30',
  '25:99',
  [],
  [null],
  [{ $gt: '' }],
  {},
  { $gt: '' },
  { $ne: null },
  JSON.parse('{"__proto__":{"admin":true}}') as unknown,
  { constructor: { prototype: { admin: true } } },
  Array.from({ length: 2000 }, (_, i) => i),
  JSON.parse(`${'['.repeat(200)}${']'.repeat(200)}`) as unknown,
];

/** Whole events that are not an object with an action. */
export const JUNK_EVENTS: readonly unknown[] = [
  null,
  1,
  'x',
  [],
  [{ action: 'me' }],
  true,
  { action: 1 },
  { action: '__proto__' },
  { action: 'constructor' },
  { action: 'toString' },
];

/** As the event would arrive over the wire: JSON in, JSON out. */
export function wire(event: unknown): unknown {
  const text = JSON.stringify(event);
  return text === undefined ? null : (JSON.parse(text) as unknown);
}

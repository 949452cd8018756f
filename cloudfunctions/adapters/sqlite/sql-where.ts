/**
 * `Where` conditions as SQL over the JSON documents of a collection table (`id` column, `doc` JSON text), with
 * MongoDB's semantics: a comparison only matches values of the operand's own type, and `$ne` matches documents
 * where the field is missing.
 */
import { UndeclaredQuery, type CollectionSpec, type Scalar, type Where } from '../../core/store/docstore.port';

export type SqlValue = string | number | null;

export interface Clause {
  sql: string;
  params: SqlValue[];
}

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Field names are written into SQL, so declared ones must be plain identifiers. */
export function checkFieldName(spec: CollectionSpec, field: string): void {
  if (!FIELD_NAME.test(field)) throw new UndeclaredQuery(spec.name, `"${field}" is not a plain name`);
}

/** A top-level field's SQL value: `_id` is the id column; other fields come out of the document. */
export function fieldSql(field: string): string {
  return field === '_id' ? 'id' : `json_extract(doc, '$.${field}')`;
}

/** The field's JSON type ('text', 'integer', 'real', 'true', 'false', 'null', …; NULL when missing). */
function typeSql(field: string): string {
  return field === '_id' ? `'text'` : `json_type(doc, '$.${field}')`;
}

/** The JSON types a scalar compares with. */
function typesOf(value: Scalar): string {
  if (typeof value === 'string') return `('text')`;
  return typeof value === 'number' ? `('integer', 'real')` : `('true', 'false')`;
}

/** SQLite has no booleans: json_extract answers 1 and 0 for true and false, so those are what we compare with. */
function sqlValue(value: Scalar): string | number {
  return typeof value === 'boolean' ? Number(value) : value;
}

const COMPARISONS = { $eq: '=', $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' } as const;

export function whereSql(spec: CollectionSpec, where: Where = {}): Clause {
  const sql = ['1'];
  const params: SqlValue[] = [];
  for (const [field, condition] of Object.entries(where)) {
    const value = fieldSql(field);
    const type = typeSql(field);
    const operators = typeof condition === 'object' ? condition : { $eq: condition };
    for (const [operator, operand] of Object.entries(operators)) {
      if (operand === undefined) continue;
      if (operator in COMPARISONS) {
        const scalar = operand as Scalar;
        sql.push(`(${value} ${COMPARISONS[operator as keyof typeof COMPARISONS]} ? AND ${type} IN ${typesOf(scalar)})`);
        params.push(sqlValue(scalar));
      } else if (operator === '$ne') {
        const scalar = operand as Scalar;
        sql.push(`NOT IFNULL(${value} = ? AND ${type} IN ${typesOf(scalar)}, 0)`);
        params.push(sqlValue(scalar));
      } else if (operator === '$in') {
        // The first test can use an index; the second keeps true apart from 1 and false from 0.
        sql.push(`${value} IN (SELECT value FROM json_each(?)) AND (${value}, ${type}) IN (SELECT value, type FROM json_each(?))`);
        params.push(JSON.stringify(operand), JSON.stringify(operand));
      } else if (operator === '$all') {
        const values = operand as readonly Scalar[];
        if (values.length === 0) sql.push('0');
        for (const element of values) {
          sql.push(`EXISTS (SELECT 1 FROM json_each(doc, '$.${field}') WHERE value = ? AND type IN ${typesOf(element)})`);
          params.push(sqlValue(element));
        }
      } else if (operator === '$exists') {
        sql.push(`${value} IS ${operand ? 'NOT NULL' : 'NULL'}`);
      } else {
        throw new UndeclaredQuery(spec.name, `unknown operator ${operator}`);
      }
    }
  }
  return { sql: sql.join(' AND '), params };
}

/** Equality with strings only (a string, `$eq` or `$in`): the values, else null. */
function stringsOnly(condition: Where[string]): string[] | null {
  if (typeof condition === 'string') return [condition];
  if (typeof condition !== 'object') return null;
  const { $eq, $in, ...rest } = condition;
  if (Object.values(rest).some((v) => v !== undefined)) return null;
  const values = [...($eq === undefined ? [] : [$eq]), ...($in ?? [])];
  return values.every((v) => typeof v === 'string') && ($eq !== undefined || $in !== undefined) ? (values as string[]) : null;
}

/**
 * `whereSql`, but string equality written so that an index on the fields answers it alone (a covering index: the
 * documents are not read). A JSON string is what json_extract answers as text and not a container — `typeof` says
 * text for objects and arrays too, so fields compared this way must not hold those (an indexed scalar field does not).
 */
export function coveredWhereSql(spec: CollectionSpec, where: Where = {}): Clause {
  const sql: string[] = [];
  const params: SqlValue[] = [];
  const rest: Record<string, Where[string]> = {};
  for (const [field, condition] of Object.entries(where)) {
    const values = stringsOnly(condition);
    if (!values) {
      rest[field] = condition;
      continue;
    }
    sql.push(`${fieldSql(field)} IN (SELECT value FROM json_each(?)) AND typeof(${fieldSql(field)}) = 'text'`);
    params.push(JSON.stringify(values));
  }
  const others = whereSql(spec, rest);
  return { sql: [...sql, others.sql].join(' AND '), params: [...params, ...others.params] };
}

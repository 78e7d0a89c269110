// Converts the CASL rules for (action, subject) into a drizzle WHERE clause,
// so list queries return exactly what the ability allows.
import { rulesToAST } from "@casl/ability/extra";
import { and, eq, inArray, ne, not, notInArray, or, sql, gt, gte, lt, lte, isNull, type SQL } from "drizzle-orm";
import type { AnyColumn } from "drizzle-orm";
import type { Action, AppAbility, SubjectName } from "./abilities";

type Condition =
  { operator: "and" | "or"; value: Condition[] } | { operator: "not"; value: Condition | Condition[] } | { operator: string; field: string; value: unknown };

export class UnmappedFieldError extends Error {}

/**
 * Returns SQL that is true for rows the ability permits; `sql\`false\`` when
 * nothing is permitted. Fields named in rules must be mapped to columns:
 * an unmapped field is a programming error, never silently ignored.
 */
export function accessibleWhere(ability: AppAbility, action: Action, subject: Exclude<SubjectName, "all">, columns: Record<string, AnyColumn>): SQL {
  const ast = rulesToAST(ability, action, subject) as Condition | null;
  if (!ast) return sql`false`;
  return toSql(ast, columns);
}

function toSql(node: Condition, columns: Record<string, AnyColumn>): SQL {
  if (node.operator === "and" || node.operator === "or") {
    const parts = (node.value as Condition[]).map((c) => toSql(c, columns));
    if (parts.length === 0) return node.operator === "and" ? sql`true` : sql`false`;
    return (node.operator === "and" ? and(...parts) : or(...parts)) as SQL;
  }
  if (node.operator === "not") {
    const inner = Array.isArray(node.value) ? (and(...node.value.map((c) => toSql(c, columns))) as SQL) : toSql(node.value as Condition, columns);
    return not(inner);
  }
  const field = (node as { field: string }).field;
  const column = columns[field];
  if (!column) throw new UnmappedFieldError(`No column mapped for field '${field}'`);
  const value = node.value as never;
  switch (node.operator) {
    case "eq":
      return value === null ? isNull(column) : eq(column, value);
    case "ne":
      return ne(column, value);
    case "in":
      return inArray(column, value);
    case "nin":
      return notInArray(column, value);
    case "gt":
      return gt(column, value);
    case "gte":
      return gte(column, value);
    case "lt":
      return lt(column, value);
    case "lte":
      return lte(column, value);
    default:
      throw new Error(`Unsupported CASL operator '${node.operator}'`);
  }
}

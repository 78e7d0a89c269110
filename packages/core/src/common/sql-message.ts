// A message rendered inside a SQL statement, for the jobs that write many
// e-mails in one statement (values such as the recipient's name are only known there).
import { is, SQL } from "drizzle-orm";
import { sql } from "@wijkwerk/db";

const MARK = "\u0000"; // cannot occur in a PostgreSQL text value

/**
 * The text of `message` as a SQL expression: each argument given as a SQL
 * expression (sql`u.name`) is filled in by the database, every other argument
 * here. The parts are joined with ||, so a NULL value makes the whole text NULL,
 * as hand-written concatenation would. The message function must only put its
 * arguments into the text (no arithmetic or formatting on them).
 */
export function sqlMessage<A extends unknown[]>(message: (...args: A) => string, ...args: { [K in keyof A]: A[K] | SQL }): SQL {
  const expressions: SQL[] = [];
  const placed = args.map((a) => (is(a, SQL) ? `${MARK}${expressions.push(a) - 1}${MARK}` : a)) as A;
  const pieces = message(...placed).split(new RegExp(`${MARK}(\\d+)${MARK}`));
  const parts = pieces.flatMap((piece, i) => (i % 2 === 1 ? [sql`(${expressions[Number(piece)]})`] : piece === "" ? [] : [sql`${piece}::text`]));
  return sql`(${sql.join(parts.length ? parts : [sql`''::text`], sql` || `)})`;
}

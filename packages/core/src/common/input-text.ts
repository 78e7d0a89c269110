// Characters no text field may hold: PostgreSQL refuses NUL in text (22021)
// and in jsonb (22P05), and a lone UTF-16 surrogate (possible from a JSON
// "\ud800" escape) has no UTF-8 form. Found at the edge, such input gets a
// field error instead of reaching the database as a 500.
// eslint-disable-next-line no-control-regex -- NUL is the character looked for
const FORBIDDEN = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasForbiddenCharacter(text: string): boolean {
  return FORBIDDEN.test(text);
}

/**
 * The dotted paths ("payment.reference", "lifeDomains.0", a key itself) of
 * every string in a parsed JSON value that holds a forbidden character.
 * Depth-limited: JSON nested deeper than this is refused as a whole ("body").
 */
export function forbiddenCharacterPaths(value: unknown, path: string[] = [], depth = 0): string[] {
  if (depth > 32) return [path.join(".") || "body"];
  if (typeof value === "string") return hasForbiddenCharacter(value) ? [path.join(".") || "body"] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => forbiddenCharacterPaths(v, [...path, String(i)], depth + 1));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) =>
      // eslint-disable-next-line no-control-regex -- NUL is shown as \0 in the reported path
      hasForbiddenCharacter(k) ? [[...path, k.replace(/\u0000/g, "\\0")].join(".")] : forbiddenCharacterPaths(v, [...path, k], depth + 1),
    );
  }
  return [];
}

// Redirect targets taken from the request (`next` after login, a notification's
// link) must stay on this site. The check uses the WHATWG URL parser — the one
// browsers use — because browsers drop tabs and newlines and read "\" as "/",
// so a string that looks like a path ("/\t/evil.example") can still leave the site.
const BASE = "http://wijkwerk.invalid";

/**
 * The same-origin path (path, query, fragment) that a browser would go to for
 * `next`, or `fallback` when `next` is absent or would leave the site. The
 * result is the parser's serialisation: no control characters, so it is
 * always a valid Location header.
 */
export function safeNextPath(next: string | null | undefined, fallback = "/"): string {
  if (!next || !next.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = url.pathname + url.search + url.hash;
  // "/.//evil.example" resolves to the path "//evil.example": as a Location it is another host.
  if (path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return path;
}

// Liveness only (docs/operations.md, "Gezondheid"): server.js answers /healthz itself,
// before the request gate; this route answers the same when the build is used without
// server.js (route tests). Readiness — database, migrations, queue — is /readyz.
export async function loader() {
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}

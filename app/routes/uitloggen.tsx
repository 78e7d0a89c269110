import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { appendAudit } from "~/core/audit.server";
import { blankSessionCookie, invalidateSession, readSession } from "~/auth/session.server";
import { requestMeta } from "~/context.server";
import { getDb } from "~/db.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const db = await getDb();
  const current = await readSession(request, async () => Number.MAX_SAFE_INTEGER);
  if (current && !current.expired) {
    await invalidateSession(current.session.id);
    await appendAudit(db, {
      municipalityId: current.user.municipalityId,
      actor: { userId: current.user.id, email: current.user.email, name: current.user.name },
      action: "auth.logout",
      objectType: "session",
      objectId: null,
      meta: requestMeta(request, context),
    });
  }
  return redirect("/inloggen?reden=uitgelogd", { headers: { "Set-Cookie": await blankSessionCookie() } });
}

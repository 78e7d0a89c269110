import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ActionsColumnHeader } from "~/components/data-table";
import { SubmitButton } from "~/components/form";
import { requireUser } from "~/context.server";
import { listOwnSessions, revokeOtherSessions, revokeOwnSession } from "~/core/accounts.server";
import { nl } from "~/i18n/nl";
import { formatDateTime } from "~/lib/format";
import { toHttpError } from "~/lib/http.server";
import { readFormData } from "~/lib/form.server";
import { scrollRegion } from "~/components/data-table";

export const meta: MetaFunction = () => [{ title: `${nl.sessionsPage.title} – ${nl.common.appName}` }];

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("revoke"), sessionId: z.string().min(1) }),
  z.object({ intent: z.literal("revoke-others") }),
]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireUser(request, context as { ip?: string });
  const rows = await listOwnSessions(ctx.db, ctx.user.id, ctx.session.id);
  return { sessions: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), lastActiveAt: r.lastActiveAt.toISOString() })) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireUser(request, context as { ip?: string });
  const parsed = schema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) throw new Response("Ongeldige invoer", { status: 400 });
  if (parsed.data.intent === "revoke") {
    if (parsed.data.sessionId === ctx.session.id) return redirect("/uitloggen");
    await revokeOwnSession(ctx.db, ctx.actor, parsed.data.sessionId, ctx.meta).catch(toHttpError);
    return redirect("/account/sessies?beeindigd=1");
  }
  const count = await revokeOtherSessions(ctx.db, ctx.actor, ctx.session.id, ctx.meta);
  return redirect(`/account/sessies?anderen=${count}`);
}

export default function SessionsPage() {
  const { sessions } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const others = params.get("anderen");
  return (
    <div className="max-w-3xl space-y-4">
      <h1>{nl.sessionsPage.title}</h1>
      <p>{nl.sessionsPage.intro}</p>
      {params.get("beeindigd") ? (
        <p role="status" className="alert alert-success">
          {nl.sessionsPage.revoked}
        </p>
      ) : null}
      {others !== null ? (
        <p role="status" className="alert alert-success">
          {nl.sessionsPage.revokedOthers(Number(others))}
        </p>
      ) : null}
      <div className="card overflow-x-auto" {...scrollRegion(nl.sessionsPage.title)}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{nl.sessionsPage.device}</th>
              <th scope="col">{nl.sessionsPage.ip}</th>
              <th scope="col">{nl.sessionsPage.started}</th>
              <th scope="col">{nl.sessionsPage.lastActive}</th>
              <ActionsColumnHeader />
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <td>
                  {s.device} {s.current ? <span className="badge">{nl.sessionsPage.thisDevice}</span> : null}
                </td>
                <td>{s.ip ?? "–"}</td>
                <td>{formatDateTime(s.createdAt)}</td>
                <td>{formatDateTime(s.lastActiveAt)}</td>
                <td>
                  {s.current ? null : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke" />
                      <SubmitButton className="btn btn-secondary" name="sessionId" value={s.id}>
                        {nl.sessionsPage.revoke}
                      </SubmitButton>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sessions.length > 1 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="revoke-others" />
          <SubmitButton className="btn btn-danger">{nl.sessionsPage.revokeAll}</SubmitButton>
        </Form>
      ) : null}
    </div>
  );
}

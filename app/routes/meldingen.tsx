// The signed-in user's notifications: open one (marks it read), or mark all read.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { SubmitButton } from "~/components/form";
import { requireUser } from "~/context.server";
import { listNotifications, markNotificationsRead } from "~/core/notifications.server";
import { nl } from "~/i18n/nl";
import { formatDateTime } from "~/lib/format";
import { safeNextPath } from "~/lib/safe-redirect";
import { readFormData } from "~/lib/form.server";

const t = nl.notificationsPage;
export const meta: MetaFunction = () => [{ title: `${t.title} – ${nl.common.appName}` }];

async function requireOwnContext(request: Request, context: unknown) {
  const ctx = await requireUser(request, context as { ip?: string });
  // Notifications are the user's own rows (RLS by user); any scope of their municipality will do.
  return { ...ctx, scope: { kind: "municipality" as const, municipalityId: ctx.user.municipalityId, userId: ctx.user.id } };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireOwnContext(request, context);
  return listNotifications(ctx);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireOwnContext(request, context);
  const form = await readFormData(request);
  if (form.get("intent") === "open") {
    const id = String(form.get("id") ?? "");
    await markNotificationsRead(ctx, /^[0-9a-f-]{36}$/.test(id) ? id : "00000000-0000-0000-0000-000000000000");
    return redirect(safeNextPath(String(form.get("link") ?? "/")));
  }
  await markNotificationsRead(ctx);
  return redirect("/meldingen");
}

export default function Notifications() {
  const { rows, unread } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-3xl space-y-4">
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {unread > 0 ? (
        <Form method="post">
          <SubmitButton name="intent" value="all" className="btn btn-secondary">
            {t.markAll}
          </SubmitButton>
        </Form>
      ) : null}
      {rows.length === 0 ? (
        <p className="card">{t.empty}</p>
      ) : (
        <ul className="space-y-2">
          {rows.map((n) => (
            <li
              key={n.id}
              className={`card flex flex-wrap items-center justify-between gap-3 ${n.readAt || n.resolvedAt ? "" : "border-brand-700 border-l-4"}`}
            >
              <div>
                {!n.readAt && !n.resolvedAt ? <span className="mr-2 rounded bg-brand-800 px-2 py-0.5 text-sm text-white">{t.unread}</span> : null}
                {!n.readAt && n.resolvedAt ? <span className="mr-2 rounded border border-gray-500 px-2 py-0.5 text-sm">{t.resolved}</span> : null}
                <span>{n.text}</span>
                <p className="hint">{formatDateTime(n.createdAt)}</p>
              </div>
              <Form method="post">
                <input type="hidden" name="id" value={n.id} />
                <input type="hidden" name="link" value={n.link} />
                <SubmitButton name="intent" value="open" className="btn btn-secondary">
                  <span aria-hidden="true">{t.open}</span>
                  <span className="sr-only">{t.openLabel(n.text)}</span>
                </SubmitButton>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireMunicipalityContext } from "~/context.server";
import { listOutbox } from "~/core/notifications.server";
import { nl } from "~/i18n/nl";
import { formatDateTime } from "~/lib/format";

export const meta: MetaFunction = () => [{ title: `${nl.mailbox.title} – ${nl.common.appName}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "read", "Mailbox", context as { ip?: string });
  const page = Math.max(1, Number(new URL(request.url).searchParams.get("pagina")) || 1);
  const result = await listOutbox(ctx, page);
  return { ...result, page, smtp: Boolean(process.env.SMTP_URL) };
}

/** Shows mail text with its links clickable, so the dev flow (reset, invitation) works. */
function MailText({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/\S+)/g);
  return (
    <pre className="mt-2 whitespace-pre-wrap font-sans">
      {parts.map((p, i) =>
        /^https?:\/\//.test(p) ? (
          <a key={i} href={p}>
            {p}
          </a>
        ) : (
          p
        ),
      )}
    </pre>
  );
}

export default function Mailbox() {
  const { rows, page, pages, smtp } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1>{nl.mailbox.title}</h1>
      <p className="alert alert-info">{smtp ? nl.mailbox.withSmtp : nl.mailbox.noSmtp}</p>
      {rows.length === 0 ? <p className="card">{nl.mailbox.empty}</p> : null}
      {rows.map((m) => (
        <article key={m.id} className="card" aria-labelledby={`mail-${m.id}`}>
          <h2 id={`mail-${m.id}`}>{m.subject}</h2>
          <p className="hint">
            {nl.mailbox.to}: {m.toAddress} · {nl.mailbox.created}: {formatDateTime(m.createdAt)} · {nl.mailbox.sent}:{" "}
            {m.sentAt ? formatDateTime(m.sentAt) : nl.mailbox.notSent}
          </p>
          <MailText text={m.textBody} />
        </article>
      ))}
      {pages > 1 ? (
        <nav aria-label={nl.common.pageOf(page, pages)} className="flex items-center gap-4">
          {page > 1 ? <Link to={`?pagina=${page - 1}`}>{nl.common.previous}</Link> : null}
          <span>{nl.common.pageOf(page, pages)}</span>
          {page < pages ? <Link to={`?pagina=${page + 1}`}>{nl.common.next}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}

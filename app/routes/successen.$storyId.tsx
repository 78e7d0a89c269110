// One success story: its text, reactions, and — for the author or the
// functional admin — edit and remove (audit-logged).
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { ConfirmSubmit } from "~/components/confirm";
import { StoryCard } from "~/components/knowledge";
import { notFoundResponse, requireWorkgroupContext } from "~/context.server";
import { deleteStory, getStory } from "~/core/workgroups.server";
import { nl } from "~/i18n/nl";
import { formatDateTime } from "~/lib/format";
import { toHttpError } from "~/lib/http.server";
import { reactToStory } from "~/lib/knowledge.server";
import { SuccessNotice } from "~/components/notice";
import { NO_FIELDS, parseSubmission, readFormData, runForm } from "~/lib/form.server";

const t = nl.stories;
const UUID = /^[0-9a-f-]{36}$/;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? t.title} – ${nl.common.appName}` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  if (!UUID.test(params.storyId ?? "")) throw notFoundResponse();
  return getStory(ctx, params.storyId!).catch(toHttpError);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  const storyId = params.storyId ?? "";
  if (!UUID.test(storyId)) throw notFoundResponse();
  const form = await readFormData(request);
  if (form.get("intent") === "delete") {
    const r = await runForm(parseSubmission(form, { schema: NO_FIELDS }), () => deleteStory(ctx, storyId));
    if (!r.ok) return r.response;
    return redirect("/successen?gedaan=verwijderd");
  }
  return reactToStory(ctx, form);
}

const DONE: Record<string, string> = { geplaatst: t.posted, opgeslagen: t.saved };

export default function Story() {
  const story = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const done = DONE[params.get("gedaan") ?? ""];
  const edited = new Date(story.updatedAt).getTime() - new Date(story.createdAt).getTime() > 1000;
  return (
    <div className="max-w-3xl space-y-4">
      <p>
        <Link to="/successen">{t.back}</Link>
      </p>
      {done ? <SuccessNotice>{done}</SuccessNotice> : null}
      <StoryCard story={story} headingLevel={1} link={false} />
      {edited ? <p className="hint">{t.edited(formatDateTime(story.updatedAt))}</p> : null}
      {story.can.update || story.can.delete ? (
        <div className="flex flex-wrap items-start gap-3">
          {story.can.update ? (
            <Link to={`/successen/${story.id}/bewerken`} className="btn btn-secondary">
              {t.edit}
            </Link>
          ) : null}
          {story.can.delete ? (
            <Form method="post">
              <ConfirmSubmit label={t.remove} question={t.removeQuestion} confirmLabel={t.removeConfirm} name="intent" value="delete" danger />
            </Form>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

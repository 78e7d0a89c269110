// The author (or the functional admin) edits a success story; the privacy
// guard runs again. The team does not change.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { StoryForm, storySchema } from "~/components/knowledge";
import { notFoundResponse, requireWorkgroupContext } from "~/context.server";
import { getStory, storyFormOptions, updateStory } from "~/core/workgroups.server";
import { nl } from "~/i18n/nl";
import { toHttpError } from "~/lib/http.server";
import { parseSubmission, readFormData, runForm, textValues } from "~/lib/form.server";

const t = nl.stories;
const UUID = /^[0-9a-f-]{36}$/;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${t.editTitle(data?.story.title ?? "")} – ${nl.common.appName}` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  if (!UUID.test(params.storyId ?? "")) throw notFoundResponse();
  const story = await getStory(ctx, params.storyId!).catch(toHttpError);
  if (!story.can.update) throw notFoundResponse();
  const options = await storyFormOptions(ctx).catch(toHttpError);
  // Keep the story's current group in the list even when the editor (the admin) is not in it.
  const keep =
    story.workgroupId && story.workgroup && !options.workgroups.some((g) => g.id === story.workgroupId)
      ? [{ id: story.workgroupId, name: story.workgroup.name }]
      : [];
  const workgroups = [...keep, ...options.workgroups];
  return { story, workgroups };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  const storyId = params.storyId ?? "";
  if (!UUID.test(storyId)) throw notFoundResponse();
  const form = await readFormData(request);
  const values = textValues(form, ["title", "body", "theme", "workgroupId", "confirmNoPersonalData"]);
  const r = await runForm(parseSubmission(form, { schema: storySchema }), () => updateStory(ctx, storyId, values), { fieldMessages: t.fieldErrors });
  if (!r.ok) return r.response;
  return redirect(`/successen/${storyId}?gedaan=opgeslagen`);
}

export default function EditStory() {
  const { story, workgroups } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const current = { title: story.title, body: story.body, theme: story.theme, workgroupId: story.workgroupId ?? "" };
  return (
    <div className="max-w-2xl space-y-4">
      <p>
        <Link to={`/successen/${story.id}`}>{t.cancel}</Link>
      </p>
      <h1>{t.editTitle(story.title)}</h1>
      <p className="hint">{`${t.team}: ${story.teamName}`}</p>
      <StoryForm reply={failed} defaultValue={current} teams={[]} workgroups={workgroups} withTeam={false} submitLabel={t.saveChanges} />
    </div>
  );
}

// A professional posts a success story for one of their teams (privacy
// guard on save; the typed text stays on error).
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { StoryForm, storySchema } from "~/components/knowledge";
import { notFoundResponse, requireWorkgroupContext } from "~/context.server";
import { createStory, storyFormOptions } from "~/core/workgroups.server";
import { nl } from "~/i18n/nl";
import { toHttpError } from "~/lib/http.server";
import { parseSubmission, readFormData, runForm, textValues } from "~/lib/form.server";

const t = nl.stories;
export const meta: MetaFunction = () => [{ title: `${t.createTitle} – ${nl.common.appName}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  const options = await storyFormOptions(ctx).catch(toHttpError);
  if (options.teams.length === 0) throw notFoundResponse();
  return options;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  const form = await readFormData(request);
  const values = textValues(form, ["title", "body", "teamId", "theme", "workgroupId", "confirmNoPersonalData"]);
  const r = await runForm(parseSubmission(form, { schema: storySchema }), () => createStory(ctx, values), { fieldMessages: t.fieldErrors });
  if (!r.ok) return r.response;
  return redirect(`/successen/${r.value.id}?gedaan=geplaatst`);
}

export default function NewStory() {
  const { teams, workgroups } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  return (
    <div className="max-w-2xl space-y-4">
      <p>
        <Link to="/successen">{t.back}</Link>
      </p>
      <h1>{t.createTitle}</h1>
      <p>{t.createIntro}</p>
      {teams.length === 1 ? <p className="hint">{`${t.team}: ${teams[0].name}`}</p> : null}
      <StoryForm reply={failed} teams={teams} workgroups={workgroups} withTeam submitLabel={t.save} />
    </div>
  );
}

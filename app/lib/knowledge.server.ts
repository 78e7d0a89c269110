// Shared actions of the success story pages: toggling a reaction (from the
// wall and from a story's page). The page reloads its data afterwards.
import { data } from "@remix-run/node";
import { toggleReaction } from "@wijkwerk/core/workgroups";
import type { UseCaseContext } from "@wijkwerk/core/common";
import { NO_FIELDS, parseSubmission, runForm } from "~/lib/form.server";

const UUID = /^[0-9a-f-]{36}$/;
const NO_ID = "00000000-0000-0000-0000-000000000000";

export async function reactToStory(ctx: UseCaseContext, form: FormData) {
  if (form.get("intent") !== "react") throw new Response("Onbekende actie", { status: 400 });
  const storyId = String(form.get("storyId") ?? "");
  const r = await runForm(parseSubmission(form, { schema: NO_FIELDS }), () =>
    toggleReaction(ctx, UUID.test(storyId) ? storyId : NO_ID, String(form.get("kind") ?? "")),
  );
  if (!r.ok) return r.response;
  return data({ ok: true as const, active: r.value.active });
}

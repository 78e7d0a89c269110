// Loader and action shared by the city-wide handbook (/handboek/…) and a
// workgroup's (/werkgroepen/<slug>/handboek/…): the route passes the owner.
import { redirect } from "@remix-run/node";
import {
  diffHandbookVersions,
  getHandbookPage,
  listHandbookPages,
  restoreHandbookVersion,
  saveHandbookPage,
  type HandbookOwner,
} from "@wijkwerk/core/workgroups";
import { notFoundResponse, requireWorkgroupContext } from "~/context.server";
import { handbookSchema } from "~/components/handbook";
import { toHttpError } from "~/lib/http.server";
import { NO_FIELDS, parseSubmission, readFormData, runForm, textValues } from "~/lib/form.server";

export const handbookBase = (owner: HandbookOwner) => (owner === null ? "/handboek" : `/werkgroepen/${owner}/handboek`);
const SLUG = /^[a-z0-9-]{1,80}$/;

export async function handbookLoader(request: Request, context: unknown, owner: HandbookOwner, pageSlug: string) {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  if (pageSlug === "nieuw") {
    const list = await listHandbookPages(ctx, owner).catch(toHttpError);
    if (!list.canEdit) throw notFoundResponse();
    return { mode: "new" as const, groupName: list.group?.name ?? null, groupSlug: list.group?.slug ?? null, base: handbookBase(owner) };
  }
  if (!SLUG.test(pageSlug)) throw notFoundResponse();
  const url = new URL(request.url);
  const view = await getHandbookPage(ctx, owner, pageSlug).catch(toHttpError);
  const from = Number(url.searchParams.get("van"));
  const to = Number(url.searchParams.get("naar"));
  const diff =
    Number.isInteger(from) && Number.isInteger(to) && from > 0 && to > 0 && from !== to
      ? await diffHandbookVersions(ctx, owner, pageSlug, from, to).catch(toHttpError)
      : null;
  return {
    mode: "page" as const,
    groupName: view.group?.name ?? null,
    groupSlug: view.group?.slug ?? null,
    base: handbookBase(owner),
    editing: url.searchParams.has("bewerken") && view.canEdit,
    canEdit: view.canEdit,
    page: view.page,
    versions: view.versions,
    decisions: view.decisions,
    diff: diff ? { from: diff.from.version, to: diff.to.version, parts: diff.parts } : null,
  };
}

export async function handbookAction(request: Request, context: unknown, owner: HandbookOwner, pageSlug: string) {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  const form = await readFormData(request);
  const base = handbookBase(owner);
  if (form.get("intent") === "restore") {
    const version = Number(form.get("version"));
    const r = await runForm(parseSubmission(form, { schema: NO_FIELDS }), () =>
      restoreHandbookVersion(ctx, owner, pageSlug, Number.isInteger(version) ? version : 0),
    );
    if (!r.ok) return r.response;
    return redirect(`${base}/${pageSlug}?teruggezet=${r.value.version}`);
  }
  const values = textValues(form, ["title", "body", "confirmNoPersonalData", "baseVersion"]);
  const r = await runForm(parseSubmission(form, { schema: handbookSchema }), () =>
    saveHandbookPage(ctx, owner, pageSlug === "nieuw" ? null : pageSlug, { ...values, baseVersion: values.baseVersion || undefined }),
  );
  if (!r.ok) return r.response;
  return redirect(`${base}/${r.value.slug}?opgeslagen=${r.value.version}`);
}

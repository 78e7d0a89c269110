// The checkpoint of the workgroup and knowledge pages that start something,
// and reading a post form, which may carry files (the form then goes through
// the form kit, parseSubmission and runForm in lib/form.server.ts, like every other).
import { as } from "@wijkwerk/authz";
import { notFoundResponse, requireWorkgroupContext } from "~/context.server";
import { DomainError, MAX_ATTACHMENT_BYTES } from "@wijkwerk/core/common";
import type { WorkgroupFileInput } from "@wijkwerk/core/workgroups";
import { readForm } from "~/lib/uploads.server";

/**
 * A post form, multipart when it carries files. `limits` refuses a file over
 * 5 MB (dropped while parsing) or a text over 64 KB (cut short) with 413 and
 * the field's own message — pass it to runForm as `precheck`, so the typed
 * text is kept. `files` gives the files as use-case input (the use case
 * checks type and size from the bytes).
 */
export async function readPostForm(request: Request) {
  const { formData, tooLarge, tooLong } = await readForm(request, MAX_ATTACHMENT_BYTES);
  const uploads = formData.getAll("file").filter((f): f is File => typeof f === "object" && f !== null && "arrayBuffer" in f && (f.size > 0 || f.name !== ""));
  const limits = () => {
    if (tooLarge.length) throw new DomainError("invalid_input", 413, { file: ["attachment_too_large"] });
    if (tooLong.length) throw new DomainError("invalid_input", 413, Object.fromEntries(tooLong.map((name) => [name, ["invalid_input"]])));
  };
  const files = async (): Promise<WorkgroupFileInput[]> =>
    Promise.all(uploads.map(async (f) => ({ fileName: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
  return { form: formData, files, limits };
}

/** A page only for those who may start a `subject` (a workgroup, a question) in their municipality; anyone else gets 404. */
export async function requireCreator(request: Request, context: unknown, subject: "Workgroup" | "KnowledgeQuestion") {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  if (!ctx.ability.can("create", as(subject, { municipalityId: ctx.user.municipalityId }))) throw notFoundResponse();
  return ctx;
}

// Reading a workgroup post form, which may carry files: the form goes through
// the form kit (parseSubmission, runForm in lib/form.server.ts) like every other.
import { DomainError, MAX_ATTACHMENT_BYTES, type WorkgroupFileInput } from "~/core.server";
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
  const files = async (): Promise<WorkgroupFileInput[]> => Promise.all(uploads.map(async (f) => ({ fileName: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
  return { form: formData, files, limits };
}

import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { homePathFor, requireUser } from "~/context.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireUser(request, context as { ip?: string });
  return redirect(await homePathFor(ctx));
}

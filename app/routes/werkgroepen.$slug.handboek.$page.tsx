// A page of a workgroup's handbook (or a new one at …/handboek/nieuw).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { HandbookPageView } from "~/components/handbook";
import { nl } from "~/i18n/nl";
import { handbookAction, handbookLoader } from "~/lib/handbook-route.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.mode === "page" ? data.page.title : nl.handbook.newPageTitle} – ${nl.handbook.groupTitle(data?.groupName ?? "")} – ${nl.common.appName}` },
];
export const loader = ({ request, params, context }: LoaderFunctionArgs) => handbookLoader(request, context, params.slug ?? "", params.page ?? "");
export const action = ({ request, params, context }: ActionFunctionArgs) => handbookAction(request, context, params.slug ?? "", params.page ?? "");
export default HandbookPageView;

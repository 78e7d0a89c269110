// A page of the city-wide handbook (or a new one at /handboek/nieuw).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { HandbookPageView } from "~/components/handbook";
import { nl } from "~/i18n/nl";
import { handbookAction, handbookLoader } from "~/lib/handbook-route.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.mode === "page" ? data.page.title : nl.handbook.newPageTitle} – ${nl.handbook.cityTitle} – ${nl.common.appName}` },
];
export const loader = ({ request, params, context }: LoaderFunctionArgs) => handbookLoader(request, context, null, params.page ?? "");
export const action = ({ request, params, context }: ActionFunctionArgs) => handbookAction(request, context, null, params.page ?? "");
export default HandbookPageView;

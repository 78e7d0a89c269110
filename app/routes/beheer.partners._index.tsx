// The functional admin's list of partner organisations with their staff.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AdminListPage } from "~/components/admin-list";
import { requireMunicipalityContext } from "~/context.server";
import { listPartners } from "~/core/partners.server";
import { nl } from "~/i18n/nl";
import { toHttpError } from "~/lib/http.server";

const t = nl.adminPartners;

export const meta: MetaFunction = () => [{ title: `${t.title} – ${nl.common.appName}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "manage", "Partner", context as { ip?: string });
  return { partners: await listPartners(ctx).catch(toHttpError) };
}

export default function AdminPartners() {
  const { partners } = useLoaderData<typeof loader>();
  return (
    <AdminListPage
      text={t}
      newLink={{ to: "/beheer/partners/nieuw", label: t.newPartner }}
      rows={partners}
      columns={[
        { header: t.name, cell: (p) => <Link to={`/beheer/partners/${p.id}`}>{p.name}</Link> },
        { header: t.kind, cell: (p) => p.kind },
        { header: t.fundingType, cell: (p) => nl.common.fundingTypes[p.fundingType] },
        { header: t.staff, cell: (p) => p.staffCount },
      ]}
    />
  );
}

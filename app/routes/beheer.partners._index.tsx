// The functional admin's list of partner organisations with their staff.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { DataTable } from "~/components/data-table";
import { requireMunicipalityContext } from "~/context.server";
import { listPartners } from "~/core/partners.server";
import { nl } from "~/i18n/nl";
import { toHttpError } from "~/lib/http.server";
import { SuccessNotice } from "~/components/notice";

const t = nl.adminPartners;

export const meta: MetaFunction = () => [{ title: `${t.title} – ${nl.common.appName}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "manage", "Partner", context as { ip?: string });
  return { partners: await listPartners(ctx).catch(toHttpError) };
}

export default function AdminPartners() {
  const { partners } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const created = partners.find((p) => p.id === params.get("aangemaakt"));
  return (
    <div className="space-y-4">
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {created ? <SuccessNotice>{t.created(created.name)}</SuccessNotice> : null}
      <p>
        <Link to="/beheer/partners/nieuw" className="btn">
          {t.newPartner}
        </Link>
      </p>
      <DataTable
        caption={t.title}
        rows={partners}
        rowKey={(p) => p.id}
        empty={t.empty}
        columns={[
          { header: t.name, cell: (p) => <Link to={`/beheer/partners/${p.id}`}>{p.name}</Link> },
          { header: t.kind, cell: (p) => p.kind },
          { header: t.fundingType, cell: (p) => nl.common.fundingTypes[p.fundingType] },
          { header: t.staff, cell: (p) => p.staffCount },
        ]}
      />
    </div>
  );
}

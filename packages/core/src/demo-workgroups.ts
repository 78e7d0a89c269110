// Demo workgroups (only from the seed command): the four groups the teams
// asked for, with members from several teams, a thread and handbook pages.
// Written through the use cases, so the demo data passes the same rules
// (privacy guard, RLS) as real input.
import { eq, municipalities, users, workgroups, type Database } from "@wijkwerk/db";
import { contextFor } from "./demo-workbudget";
import { seedKnowledgeDemo } from "./demo-knowledge";
import { saveHandbookPage } from "./handbook";
import { createPost } from "./workgroup-posts";
import { createWorkgroup, decideJoinRequest, joinWorkgroup } from "./workgroups";

const GROUPS = [
  {
    creator: "admin@wijkwerk.demo",
    name: "Cliëntondersteuning",
    description: "Onafhankelijke cliëntondersteuning in de wijk: afspraken met MEE en de teams over wie wanneer meegaat naar een keukentafelgesprek.",
    isOpen: false,
    facilitators: ["coordinator.mariaberg@wijkwerk.demo", "manager.mee@wijkwerk.demo"],
    requests: ["member.daalhof@wijkwerk.demo"],
    joins: [] as string[],
  },
  {
    creator: "coordinator.daalhof@wijkwerk.demo",
    name: "Preventie en vroegsignalering",
    description: "Eerder erbij zijn: signalen van schulden, eenzaamheid en opvoedvragen herkennen samen met huisartsen, scholen en woningcorporaties.",
    isOpen: true,
    facilitators: ["coordinator.daalhof@wijkwerk.demo"],
    requests: [],
    joins: ["member.centrum@wijkwerk.demo", "member.de-heeg@wijkwerk.demo", "member.limmel-nazareth@wijkwerk.demo"],
  },
  {
    creator: "coordinator.centrum@wijkwerk.demo",
    name: "Zichtbaar en vindbaar in de buurt",
    description: "Hoe weten bewoners en partners ons te vinden? Inloopspreekuren, buurtnetwerken en vrijwilligersorganisaties.",
    isOpen: true,
    facilitators: ["coordinator.centrum@wijkwerk.demo"],
    requests: [],
    joins: ["member.mariaberg@wijkwerk.demo", "member.malberg-malpertuis@wijkwerk.demo"],
  },
  {
    creator: "admin@wijkwerk.demo",
    name: "Participatie en werk",
    description: "Meedoen naar vermogen: samenwerking met werkgevers, dagbesteding en vrijwilligerswerk als opstap.",
    isOpen: false,
    facilitators: ["coordinator.caberg-bosscherveld@wijkwerk.demo"],
    requests: ["member.wittevrouwenveld-wyckerpoort@wijkwerk.demo"],
    joins: [],
  },
];

export async function seedWorkgroupsDemo(db: Database): Promise<{ created: boolean }> {
  const [m] = await db.select().from(municipalities).where(eq(municipalities.slug, "maastricht"));
  if (!m) return { created: false };
  const [existing] = await db.select({ id: workgroups.id }).from(workgroups).where(eq(workgroups.municipalityId, m.id)).limit(1);
  // Stories and questions came later: a database seeded before them still gets them.
  if (existing) return seedKnowledgeDemo(db, m.id);
  for (const g of GROUPS) {
    const { slug } = await createWorkgroup(await contextFor(db, g.creator), { name: g.name, description: g.description, isOpen: g.isOpen, facilitators: g.facilitators.join(" ") });
    for (const email of [...g.joins, ...g.requests]) await joinWorkgroup(await contextFor(db, email), slug);
    for (const email of g.requests) {
      const [u] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
      await decideJoinRequest(await contextFor(db, g.facilitators[0]), slug, { userId: u.id, approve: true });
    }
  }
  const daalhof = await contextFor(db, "coordinator.daalhof@wijkwerk.demo");
  const thread = await createPost(daalhof, "preventie-en-vroegsignalering", {
    title: "Signalen van schulden eerder zien",
    body: "Wat zijn bij jullie de eerste **signalen** van schulden? Bij ons zijn het vaak:\n\n- een huurachterstand die de corporatie meldt\n- een afgesloten energiecontract\n- kinderen die niet meer meegaan op schoolreis\n\nWie heeft goede afspraken met de woningcorporatie?",
  });
  await createPost(await contextFor(db, "member.centrum@wijkwerk.demo"), "preventie-en-vroegsignalering", { body: "In Centrum belt de corporatie ons na twee maanden achterstand. Dat werkt goed; @coordinator.daalhof ik stuur je de afspraak." }, { parentId: thread.threadId });
  await saveHandbookPage(daalhof, "preventie-en-vroegsignalering", null, {
    title: "Vroegsignalering schulden",
    body: "## Afspraak\n\nBij twee maanden huurachterstand neemt de corporatie contact op met het sociaal team van de buurt. Het team maakt binnen vijf werkdagen een afspraak.",
  });
  await saveHandbookPage(await contextFor(db, "admin@wijkwerk.demo"), null, null, {
    title: "Werkwijze sociale teams",
    body: "## Eén huishouden, één plan, één regisseur\n\nHet team dat de buurt bedient, is het eerste aanspreekpunt. Werkgroepen delen kennis tussen de teams; het handboek legt vast wat we samen hebben afgesproken.",
  });
  await seedKnowledgeDemo(db, m.id);
  return { created: true };
}

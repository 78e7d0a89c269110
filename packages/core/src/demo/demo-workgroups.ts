// Demo workgroups (only from the seed command): the four groups the teams
// asked for, with members from several teams, a thread and handbook pages, a
// meeting with decisions and action items, and a closed proposal whose outcome
// is a decision that changes a handbook page.
// Written through the use cases, so the demo data passes the same rules
// (privacy guard, RLS) as real input.
import { eq, municipalities, users, workgroups, type Database } from "@wijkwerk/db";
import { contextFor } from "./demo-workbudget";
import { seedKnowledgeDemo } from "./demo-knowledge";
import {
  saveHandbookPage,
  addActionItem,
  addMeetingDecision,
  createMeeting,
  setActionItemDone,
  createPost,
  closeProposal,
  createProposal,
  respondToProposal,
  createWorkgroup,
  decideJoinRequest,
  joinWorkgroup,
} from "../workgroups";
import { amsterdamDay } from "../common";

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
    const { slug } = await createWorkgroup(await contextFor(db, g.creator), {
      name: g.name,
      description: g.description,
      isOpen: g.isOpen,
      facilitators: g.facilitators.join(" "),
    });
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
  await createPost(
    await contextFor(db, "member.centrum@wijkwerk.demo"),
    "preventie-en-vroegsignalering",
    { body: "In Centrum belt de corporatie ons na twee maanden achterstand. Dat werkt goed; @coordinator.daalhof ik stuur je de afspraak." },
    { parentId: thread.threadId },
  );
  await saveHandbookPage(daalhof, "preventie-en-vroegsignalering", null, {
    title: "Vroegsignalering schulden",
    body: "## Afspraak\n\nBij twee maanden huurachterstand neemt de corporatie contact op met het sociaal team van de buurt. Het team maakt binnen vijf werkdagen een afspraak.",
  });
  await seedMeetingDemo(db);
  await saveHandbookPage(await contextFor(db, "admin@wijkwerk.demo"), null, null, {
    title: "Werkwijze sociale teams",
    body: "## Eén huishouden, één plan, één regisseur\n\nHet team dat de buurt bedient, is het eerste aanspreekpunt. Werkgroepen delen kennis tussen de teams; het handboek legt vast wat we samen hebben afgesproken.",
  });
  await seedKnowledgeDemo(db, m.id);
  return { created: true };
}

const dayFromToday = (days: number) => amsterdamDay(new Date(Date.now() + days * 86_400_000));

/** "Preventie en vroegsignalering": last fortnight's meeting, its decisions and action items, and a proposal closed with an outcome. */
async function seedMeetingDemo(db: Database) {
  const slug = "preventie-en-vroegsignalering";
  const daalhof = await contextFor(db, "coordinator.daalhof@wijkwerk.demo");
  const centrum = await contextFor(db, "member.centrum@wijkwerk.demo");
  const deHeeg = await contextFor(db, "member.de-heeg@wijkwerk.demo");
  const limmel = await contextFor(db, "member.limmel-nazareth@wijkwerk.demo");
  const meeting = await createMeeting(daalhof, slug, {
    heldOn: dayFromToday(-14),
    startsAt: "13:30",
    agenda: "1. Ervaringen met signalen van schulden\n2. Afspraken met de woningcorporaties\n3. Wat zetten we in het handboek?",
    notes:
      "Vier teams waren erbij. Centrum vertelde over de **belafspraak** met de corporatie na twee maanden achterstand; Daalhof en De Heeg willen dat ook.\n\n- Huisartsen melden nog weinig; we nodigen de POH-GGZ uit.\n- Scholen zien signalen vaak het eerst.",
  });
  await addMeetingDecision(daalhof, slug, meeting.id, { text: "We nodigen de praktijkondersteuners (POH-GGZ) uit voor het volgende overleg." });
  await addActionItem(daalhof, slug, meeting.id, {
    task: "Belafspraak met de corporatie op papier zetten voor alle teams",
    ownerId: centrum.actor.userId,
    dueOn: dayFromToday(7),
  });
  await addActionItem(daalhof, slug, meeting.id, {
    task: "POH-GGZ uitnodigen voor het volgende overleg",
    ownerId: daalhof.actor.userId,
    dueOn: dayFromToday(-2),
  });
  const done = await addActionItem(daalhof, slug, meeting.id, { task: "Verslag rondsturen", ownerId: deHeeg.actor.userId, dueOn: dayFromToday(-10) });
  await setActionItemDone(deHeeg, slug, done.id, true);
  const proposal = await createProposal(centrum, slug, {
    title: "Belafspraak bij twee maanden huurachterstand in alle buurten",
    body: "Ik stel voor dat elk team de afspraak van Centrum overneemt: de corporatie belt het sociaal team na **twee maanden** huurachterstand, en het team maakt binnen vijf werkdagen een afspraak.",
    closesOn: dayFromToday(7),
    meetingId: meeting.id,
    handbookPage: "vroegsignalering-schulden",
  });
  await respondToProposal(centrum, slug, proposal.id, { position: "agree" });
  await respondToProposal(daalhof, slug, proposal.id, { position: "agree" });
  await respondToProposal(deHeeg, slug, proposal.id, { position: "abstain" });
  await respondToProposal(limmel, slug, proposal.id, {
    position: "disagree",
    reason: "In Limmel werken we met een andere corporatie; daar moeten we eerst zelf afspraken over maken.",
  });
  await closeProposal(daalhof, slug, proposal.id, {
    outcome:
      "Aangenomen: alle teams maken met hun corporaties de belafspraak bij twee maanden huurachterstand. Limmel-Nazareth volgt zodra de afspraak met de eigen corporatie rond is. De handboekpagina is bijgewerkt.",
  });
}

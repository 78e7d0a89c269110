// Demo success stories and a knowledge question with answers (only from the
// seed command, via seedWorkgroupsDemo). Anonymised, after the examples in
// the pilot's evaluation report and the 2017 note; written through the use
// cases, so they pass the privacy guard and RLS like real input.
import { and, eq, successStories, teams, workgroups, type Database } from "@wijkwerk/db";
import { contextFor } from "./demo-workbudget";
import { answerQuestion, askQuestion, markBestAnswer, createStory, toggleReaction } from "../workgroups";

const STORIES = [
  {
    author: "member.caberg-bosscherveld@wijkwerk.demo",
    team: "caberg-bosscherveld",
    theme: "netwerk",
    title: "Een scootmobiel lenen in plaats van kopen",
    body: "Een mevrouw van in de zestig werd via de huisarts bij ons aangemeld. Na een hersenbloeding kwam ze haar huis niet meer uit en ze vroeg om een eigen scootmobiel.\n\nWe hebben met haar én met haar familie en vrienden aan tafel gezeten om eerst het probleem helder te krijgen. Drie maanden later heeft ze weer grip op haar leven: ze **leent** een scootmobiel bij de uitleen wanneer ze er een nodig heeft, en haar familie en vrienden zijn weer betrokken. Verder heeft ze geen ondersteuning nodig.",
    reactions: [
      ["member.centrum@wijkwerk.demo", "mooi"],
      ["coordinator.daalhof@wijkwerk.demo", "leerzaam"],
      ["controller@wijkwerk.demo", "mooi"],
    ],
  },
  {
    author: "member.wittevrouwenveld-wyckerpoort@wijkwerk.demo",
    team: "wittevrouwenveld-wyckerpoort",
    theme: "participatie_werk",
    title: "Werkschoenen uit het werkbudget: de baan bleef behouden",
    body: "Een bewoner kon beginnen bij een bouwbedrijf, maar moest zelf werkschoenen en gereedschap kopen. Door schulden lukte dat niet, en bijzondere bijstand zou weken duren.\n\nUit het werkbudget hebben we binnen twee dagen de spullen betaald. Hij is aan het werk en de aanvraag voor bijzondere bijstand was niet meer nodig. Een kleine impuls, een groot effect.",
    reactions: [
      ["member.mariaberg@wijkwerk.demo", "herkenbaar"],
      ["member.caberg-bosscherveld@wijkwerk.demo", "mooi"],
    ],
  },
  {
    author: "coordinator.daalhof@wijkwerk.demo",
    team: "daalhof",
    theme: "preventie",
    group: "preventie-en-vroegsignalering",
    title: "De corporatie belt ons na twee maanden huurachterstand",
    body: "Sinds de afspraak met de woningcorporatie horen we het na twee maanden huurachterstand, niet pas bij de deurwaarder. Dit kwartaal konden we drie huishoudens helpen met een betalingsregeling voordat er een ontruiming dreigde.",
    reactions: [
      ["member.centrum@wijkwerk.demo", "leerzaam"],
      ["member.de-heeg@wijkwerk.demo", "leerzaam"],
    ],
  },
  {
    author: "member.mariaberg@wijkwerk.demo",
    team: "mariaberg",
    theme: "eenzaamheid",
    title: "Buurtservice: eerst iets aanbieden, dan durven vragen",
    body: "Veel bewoners vinden het moeilijk om hulp te vragen, maar bieden graag zelf iets aan. Een oudere buurtbewoner begon met boodschappen doen voor een buurvrouw via Buurtservice. Inmiddels durft hij zelf te vragen om hulp bij zijn administratie, en hij komt elke week bij de koffieochtend.",
    reactions: [],
  },
];

export async function seedKnowledgeDemo(db: Database, municipalityId: string): Promise<{ created: boolean }> {
  const [existing] = await db.select({ id: successStories.id }).from(successStories).where(eq(successStories.municipalityId, municipalityId)).limit(1);
  if (existing) return { created: false };
  for (const s of STORIES) {
    const [team] = await db
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.municipalityId, municipalityId), eq(teams.slug, s.team)));
    const [group] = s.group
      ? await db
          .select({ id: workgroups.id })
          .from(workgroups)
          .where(and(eq(workgroups.municipalityId, municipalityId), eq(workgroups.slug, s.group)))
      : [];
    const { id } = await createStory(await contextFor(db, s.author), { title: s.title, body: s.body, theme: s.theme, teamId: team.id, workgroupId: group?.id });
    for (const [email, kind] of s.reactions) await toggleReaction(await contextFor(db, email), id, kind);
  }
  const asker = await contextFor(db, "member.de-heeg@wijkwerk.demo");
  const q = await askQuestion(asker, {
    title: "Wie heeft ervaring met een taalcafé of maatjesproject voor nieuwkomers?",
    body: "In De Heeg komen steeds meer nieuwkomers bij ons met vragen over brieven en formulieren. Wie werkt al samen met een taalcafé of een maatjesproject, en hoe hebben jullie dat opgezet?",
    theme: "netwerk",
  });
  const a1 = await answerQuestion(await contextFor(db, "member.centrum@wijkwerk.demo"), q.id, {
    body: "In de Centrale Bibliotheek is elke week een taalcafé. Wij lopen de eerste keer mee met de bewoner; daarna gaat het meestal vanzelf.",
  });
  await answerQuestion(await contextFor(db, "coordinator.mariaberg@wijkwerk.demo"), q.id, {
    body: "Wij koppelen nieuwkomers aan een vrijwillig maatje via het vrijwilligerswerk van Trajekt. Belangrijk: spreek vooraf af wie de brieven ziet en wie niet.",
  });
  await markBestAnswer(asker, q.id, a1.id);
  await askQuestion(await contextFor(db, "member.limmel-nazareth@wijkwerk.demo"), {
    title: "Wie heeft goede afspraken met scholen over vroegsignalering?",
    body: "We willen eerder horen als kinderen niet meer meegaan op schoolreis of geen gymspullen hebben. Hoe hebben andere teams dat met scholen geregeld?",
    theme: "preventie",
  });
  return { created: true };
}

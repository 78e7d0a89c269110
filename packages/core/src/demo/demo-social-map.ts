// Demo sociale kaart (only from the seed command and the test servers):
// about 25 fictitious but plausible Maastricht providers across the four
// kanteling layers, with their offers. Names of real organisations from the
// municipal notes (Trajekt, MEE, Mondriaan, …) are used as the teams know
// them; addresses, numbers and e-mail addresses are invented (.example).
// Written through the use cases, so the demo passes the same validation.
import { buurten, eq, municipalities, neighbourhoodInitiatives, socialMapProviders, type Database } from "@wijkwerk/db";
import { addOffer, createProvider, type OfferInput, type ProviderInput } from "../casework";
import { contextFor } from "./demo-workbudget";

type DemoProvider = Omit<ProviderInput, "buurtIds" | "initiativeId"> & {
  buurten?: string[];
  offers?: OfferInput[];
  /** The buurtinitiatief (by name) this entry is. */ initiative?: string;
};

const PROVIDERS: DemoProvider[] = [
  // ── Own strength (eigen kracht)
  {
    name: "Formulierenbrigade Maastricht",
    kind: "Hulp bij formulieren",
    layer: "own_strength",
    lifeDomains: ["finances", "instrumental_adl"],
    description: "Vrijwilligers helpen inwoners zelf hun formulieren, toeslagen en brieven van instanties te begrijpen en in te vullen.",
    address: "Bibliotheek Centre Céramique, Avenue Céramique 50, Maastricht",
    phone: "043-350 56 00",
    email: "formulieren@formulierenbrigade.example",
    hours: "di en do 10.00–12.30, inloop",
    offers: [{ name: "Inloopspreekuur formulieren", layer: "own_strength", lifeDomains: ["finances"], description: "Zonder afspraak, neem je post mee." }],
  },
  {
    name: "Budgetcursus Geld de Baas",
    kind: "Cursus financiële zelfredzaamheid",
    layer: "own_strength",
    lifeDomains: ["finances"],
    description: "Zes bijeenkomsten over grip op geld: overzicht maken, vaste lasten, sparen en wat te doen bij een betalingsachterstand.",
    phone: "043-350 57 10",
    website: "https://www.geld-de-baas.example",
    offers: [{ name: "Groepscursus (6 weken)", layer: "own_strength", lifeDomains: ["finances"] }],
  },
  {
    name: "EigenKrachtWijzer Zuid-Limburg",
    kind: "Methodiek eigen kracht",
    layer: "own_strength",
    lifeDomains: ["social_network", "time_use"],
    description: "Coaches die met een inwoner in kaart brengen wat hij zelf en met zijn omgeving kan, als voorbereiding op een plan.",
    email: "info@eigenkrachtwijzer.example",
  },
  {
    name: "Digicafé Wittevrouwenveld",
    kind: "Digitale vaardigheden",
    layer: "own_strength",
    lifeDomains: ["instrumental_adl", "community_participation"],
    description: "Leren omgaan met DigiD, internetbankieren en de smartphone, met vrijwilligers in de buurt.",
    buurten: ["Wittevrouwenveld", "Wyckerpoort"],
    hours: "wo 13.30–15.30",
  },
  // ── Social network (sociaal netwerk)
  {
    name: "Maatjesproject Samen Maastricht",
    kind: "Maatjesproject",
    layer: "social_network",
    lifeDomains: ["social_network", "time_use"],
    description: "Koppelt inwoners die eenzaam zijn aan een vrijwillig maatje voor een wekelijkse wandeling, een kop koffie of samen boodschappen doen.",
    phone: "043-350 58 20",
    email: "maatjes@samenmaastricht.example",
    offers: [
      { name: "Maatje voor ontmoeting", layer: "social_network", lifeDomains: ["social_network"] },
      { name: "Maatje bij geldzaken (thuisadministratie)", layer: "social_network", lifeDomains: ["finances"] },
    ],
  },
  {
    name: "Mantelzorgsteunpunt Maastricht",
    kind: "Mantelzorgondersteuning",
    layer: "social_network",
    lifeDomains: ["domestic_relations", "mental_health"],
    description: "Advies, lotgenotencontact en respijtzorg voor mantelzorgers, zodat zij het zorgen volhouden.",
    phone: "043-350 59 30",
    website: "https://www.mantelzorg-maastricht.example",
    offers: [
      { name: "Mantelzorgconsulent aan huis", layer: "social_network", lifeDomains: ["domestic_relations"] },
      { name: "Respijtzorg door vrijwilligers", layer: "social_network", lifeDomains: ["time_use"] },
    ],
  },
  {
    name: "Buurtnetwerk Malpertuis",
    kind: "Buurtnetwerk",
    layer: "social_network",
    lifeDomains: ["social_network", "community_participation"],
    description: "Bewoners die elkaar helpen met kleine klussen, boodschappen en een oogje in het zeil.",
    buurten: ["Malberg", "Malpertuis", "Pottenberg"],
    initiative: "Buurtservice Malpertuis",
  },
  {
    name: "Home-Start Maastricht",
    kind: "Gezinsondersteuning door vrijwilligers",
    layer: "social_network",
    lifeDomains: ["parenting", "domestic_relations"],
    description: "Ervaren ouders steunen als vrijwilliger gezinnen met jonge kinderen, één dagdeel per week.",
    email: "homestart@homestart-maastricht.example",
  },
  {
    name: "Taalmaatjes Maastricht",
    kind: "Taal en inburgering",
    layer: "social_network",
    lifeDomains: ["community_participation", "work_education"],
    description: "Vrijwilligers oefenen Nederlands met nieuwkomers, thuis of in het buurtcentrum.",
    offers: [{ name: "Taalcafé", layer: "social_network", lifeDomains: ["community_participation"], description: "Wekelijks samen Nederlands oefenen." }],
  },
  // ── General or collective provisions (algemene voorzieningen)
  {
    name: "Schuldhulpverlening Gemeente Maastricht",
    kind: "Schuldhulpverlening",
    layer: "general",
    lifeDomains: ["finances"],
    description: "Hulp bij problematische schulden: stabiliseren, budgetbeheer en een schuldregeling. Aanmelden via het sociaal team of zelf.",
    address: "Mosae Forum 10, 6211 DW Maastricht",
    phone: "043-350 40 00",
    website: "https://www.gemeentemaastricht.example/schulden",
    hours: "ma–vr 9.00–17.00",
    offers: [
      { name: "Budgetbeheer", layer: "general", lifeDomains: ["finances"] },
      { name: "Schuldregeling (minnelijk traject)", layer: "general", lifeDomains: ["finances"] },
      { name: "Vroegsignalering huurachterstand", layer: "general", lifeDomains: ["finances", "housing"] },
    ],
  },
  {
    name: "Voedselbank Maastricht",
    kind: "Voedselbank",
    layer: "general",
    lifeDomains: ["finances", "basic_adl"],
    description: "Wekelijks een voedselpakket voor huishoudens onder de norm, op verwijzing van een hulpverlener.",
    address: "Fictieweg 12, Maastricht",
    email: "aanmelden@voedselbank-maastricht.example",
    hours: "uitgifte vr 13.00–16.00",
  },
  {
    name: "Buurtcentrum De Kommel",
    kind: "Buurtcentrum",
    layer: "general",
    lifeDomains: ["social_network", "time_use", "community_participation"],
    description: "Ontmoeting, eetpunt, spreekuren en activiteiten voor alle leeftijden.",
    buurten: ["Mariaberg", "Blauwdorp", "Trichterveld", "Frontenkwartier"],
    phone: "043-350 61 40",
    offers: [
      { name: "Eetpunt (dinsdag en donderdag)", layer: "general", lifeDomains: ["social_network", "basic_adl"] },
      { name: "Inloop voor ouderen", layer: "general", lifeDomains: ["social_network"] },
    ],
  },
  {
    name: "Trajekt opbouwwerk",
    kind: "Opbouwwerk en sociaal werk",
    layer: "general",
    lifeDomains: ["community_participation", "social_network"],
    description:
      "Opbouwwerkers ondersteunen bewonersinitiatieven en versterken de sociale samenhang in de buurt; maatschappelijk werk voor individuele vragen.",
    phone: "043-350 62 50",
    website: "https://www.trajekt.example",
    offers: [
      { name: "Ondersteuning bewonersinitiatief", layer: "general", lifeDomains: ["community_participation"] },
      { name: "Algemeen maatschappelijk werk", layer: "general", lifeDomains: ["domestic_relations", "finances"] },
      { name: "Jongerenwerk", layer: "general", lifeDomains: ["time_use", "justice"] },
    ],
  },
  {
    name: "MEE Zuid-Limburg cliëntondersteuning",
    kind: "Onafhankelijke cliëntondersteuning",
    layer: "general",
    lifeDomains: ["basic_adl", "instrumental_adl", "work_education"],
    description: "Gratis onafhankelijke cliëntondersteuning bij de Wmo, Jeugdwet en Participatiewet, ook mee naar het keukentafelgesprek.",
    phone: "043-350 63 60",
    email: "maastricht@mee-zuidlimburg.example",
  },
  {
    name: "Wmo-loket Gemeente Maastricht",
    kind: "Wmo-loket",
    layer: "general",
    lifeDomains: ["basic_adl", "instrumental_adl", "housing"],
    description: "Informatie en advies over ondersteuning thuis, hulpmiddelen en woningaanpassingen; de melding voor een maatwerkvoorziening.",
    address: "Mosae Forum 10, 6211 DW Maastricht",
    phone: "14 043",
    hours: "ma–vr 8.30–17.00",
  },
  {
    name: "Steunpunt Huiselijk Geweld (Veilig Thuis)",
    kind: "Advies- en meldpunt",
    layer: "general",
    lifeDomains: ["domestic_relations", "justice"],
    description: "Advies bij vermoedens van huiselijk geweld en kindermishandeling, voor inwoners en professionals. 24 uur per dag bereikbaar.",
    phone: "0800-2000",
  },
  {
    name: "Wijkservicepunt Caberg",
    kind: "Wijkservicepunt",
    layer: "general",
    lifeDomains: ["housing", "community_participation"],
    description: "Vragen over wonen, leefbaarheid en de buurt; doorverwijzing naar het sociaal team.",
    buurten: ["Caberg", "Oud-Caberg", "Belvédère", "Bosscherveld", "Boschpoort"],
    hours: "ma, wo, vr 9.00–12.00",
  },
  // ── Individual provisions (maatwerk)
  {
    name: "Mondriaan wijk-GGZ",
    kind: "Geestelijke gezondheidszorg",
    layer: "individual",
    lifeDomains: ["mental_health", "substance_use"],
    description: "Specialistische ggz in de wijk, na verwijzing door de huisarts; consultatie voor het sociaal team.",
    phone: "088-506 50 00",
    website: "https://www.mondriaan.example",
    offers: [
      { name: "Consultatie voor het sociaal team", layer: "individual", lifeDomains: ["mental_health"] },
      { name: "Verslavingszorg", layer: "individual", lifeDomains: ["substance_use"] },
    ],
  },
  {
    name: "Envida thuiszorg en wijkverpleging",
    kind: "Thuiszorg",
    layer: "individual",
    lifeDomains: ["physical_health", "basic_adl"],
    description: "Wijkverpleging, persoonlijke verzorging en huishoudelijke hulp (Wmo-maatwerk).",
    phone: "043-369 06 06",
    offers: [
      { name: "Wijkverpleging", layer: "individual", lifeDomains: ["physical_health"] },
      { name: "Huishoudelijke hulp (Wmo)", layer: "individual", lifeDomains: ["instrumental_adl"] },
    ],
  },
  {
    name: "Levanto Groep begeleiding",
    kind: "Begeleiding en opvang",
    layer: "individual",
    lifeDomains: ["mental_health", "housing", "time_use"],
    description: "Ambulante begeleiding, beschermd wonen en dagbesteding voor volwassenen met psychische problemen.",
    email: "aanmelding@levanto.example",
  },
  {
    name: "Xonar jeugdhulp",
    kind: "Jeugdhulp",
    layer: "individual",
    lifeDomains: ["parenting", "domestic_relations"],
    description: "Ambulante en residentiële jeugdhulp en gezinsbegeleiding, op beschikking Jeugdwet.",
    phone: "046-420 20 20",
  },
  {
    name: "Radar dagbesteding",
    kind: "Dagbesteding",
    layer: "individual",
    lifeDomains: ["time_use", "work_education"],
    description: "Dagbesteding en arbeidsmatige activiteiten voor mensen met een verstandelijke beperking.",
    website: "https://www.radar.example",
  },
  {
    name: "SGL cognitieve revalidatie",
    kind: "Hersenletsel",
    layer: "individual",
    lifeDomains: ["physical_health", "instrumental_adl"],
    description: "Begeleiding van mensen met niet-aangeboren hersenletsel en hun omgeving.",
  },
  {
    name: "Leger des Heils Maastricht",
    kind: "Maatschappelijke opvang",
    layer: "individual",
    lifeDomains: ["housing", "justice", "substance_use"],
    description: "Nachtopvang, woonbegeleiding en reclassering voor dak- en thuislozen.",
    phone: "043-350 70 80",
    offers: [
      { name: "Nachtopvang", layer: "individual", lifeDomains: ["housing"] },
      { name: "Reclassering", layer: "individual", lifeDomains: ["justice"] },
    ],
  },
  {
    name: "Veiligheidshuis Maastricht-Heuvelland",
    kind: "Veiligheidshuis",
    layer: "individual",
    lifeDomains: ["justice", "domestic_relations"],
    description: "Regie op complexe casuïstiek waarin zorg en veiligheid samenkomen; aanmelden via de coördinator van het sociaal team.",
    email: "veiligheidshuis@veiligheidshuis.example",
  },
];

/** The sociale kaart of the demo municipality (idempotent: nothing happens when it has providers). */
export async function seedSocialMapDemo(db: Database): Promise<{ created: boolean }> {
  const [m] = await db.select().from(municipalities).where(eq(municipalities.slug, "maastricht"));
  if (!m) return { created: false };
  const [existing] = await db.select({ id: socialMapProviders.id }).from(socialMapProviders).where(eq(socialMapProviders.municipalityId, m.id)).limit(1);
  if (existing) return { created: false };
  const buurtId = new Map((await db.select().from(buurten).where(eq(buurten.municipalityId, m.id))).map((b) => [b.name, b.id]));
  const initiativeId = new Map(
    (await db.select().from(neighbourhoodInitiatives).where(eq(neighbourhoodInitiatives.municipalityId, m.id))).map((i) => [i.name, i.id]),
  );
  const admin = await contextFor(db, "admin@wijkwerk.demo");
  const coordinator = await contextFor(db, "coordinator.mariaberg@wijkwerk.demo");
  for (const [i, p] of PROVIDERS.entries()) {
    // Most by the functional admin, some by a coordinator: both keep the kaart.
    const ctx = i % 4 === 3 ? coordinator : admin;
    const { offers = [], buurten: names = [], initiative, ...fields } = p;
    const { id } = await createProvider(ctx, {
      ...fields,
      buurtIds: names.map((n) => buurtId.get(n)).filter((x): x is string => Boolean(x)),
      initiativeId: (initiative && initiativeId.get(initiative)) || null,
    });
    for (const o of offers) await addOffer(ctx, id, o);
  }
  return { created: true };
}

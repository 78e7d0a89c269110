// Issue 4's journey in a real browser: the admin switches the municipality to
// team cards, the controller requests Wittevrouwenveld-Wyckerpoort's card (the server's Stripe
// outbox creates it at the local stand-in for Stripe's API), the coordinator
// chooses the demo's approved request with "Nu betalen", a card payment is
// authorised by the real webhook (events signed with the SDK), captured and
// closed; the request is paid and the controller's reconciliation is clean.
// While the authorisation is open the request page says that cancelling and
// paying by hand wait for it; the card page's secure display (Stripe.js)
// cannot load offline and says so in Dutch; the controller's comparison with
// Stripe's own lists (the stand-in's) finds no difference.
// Axe on every page of the journey. Ends by switching back to manual.
import { expect, test } from "@playwright/test";
import Stripe from "stripe";
import { authorization, event, transaction } from "../test/fixtures/stripe-events";
import { startStripeTestServer, type StripeTestServer } from "../test/stripe-server";
import { expectAccessible, loginAs, loginAsAdmin, loginAsController, logout } from "./fixtures";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const SECRET = "whsec_e2e_local_secret";
// Its own approved demo request (Waterrekening): De Heeg's is the controller spec's manual payment.
const COORDINATOR = "coordinator.wittevrouwenveld-wyckerpoort@wijkwerk.demo";
let stripeApi: StripeTestServer;

test.beforeAll(async () => {
  stripeApi = await startStripeTestServer({ secretKey: "sk_test_e2e_local", port: PORT + 1 });
});
test.afterAll(async () => {
  await stripeApi?.close();
});

test("team card: approved request → Nu betalen → authorised card payment → paid → reconciliation clean", async ({ page, request }) => {
  test.setTimeout(240_000);
  await loginAsAdmin(page);
  await page.goto("/beheer/instellingen");
  await page.getByLabel("Teamkaart (Stripe Issuing)").check();
  await page.getByRole("button", { name: "Uitbetaling opslaan" }).click();
  await expect(page.getByRole("status")).toHaveText("De instellingen zijn opgeslagen.");
  await expectAccessible(page);
  await logout(page);

  await loginAsController(page);
  await page.goto("/gemeente/werkbudget");
  await page.getByRole("link", { name: "Teamkaarten" }).click();
  const team = page.getByRole("region", { name: "Wittevrouwenveld-Wyckerpoort" });
  await team.getByLabel("Maximum per betaling").fill("500");
  await team.getByRole("button", { name: "Kaart aanvragen" }).click();
  await expect(page.getByRole("status")).toHaveText("De kaart is aangevraagd; Stripe maakt hem aan.");
  // The server's timer sends the outbox (every 2 s here) to the stand-in.
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("region", { name: "Wittevrouwenveld-Wyckerpoort" })).toContainText("Status: Actief");
  }).toPass({ timeout: 30_000 });
  await expectAccessible(page);
  await logout(page);

  await loginAs(page, COORDINATOR);
  await page.goto("/t/wittevrouwenveld-wyckerpoort/werkbudget");
  await page
    .getByRole("row", { name: /Waterrekening/ })
    .first()
    .getByRole("link")
    .first()
    .click();
  await expect(page.getByRole("heading", { name: "Betalen met de teamkaart" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Nu betalen" }).click();
  await expect(page.getByText("Gekozen voor de volgende kaartbetaling")).toBeVisible();
  const spendUrl = page.url().split("?")[0];

  // The card as Stripe has it (the stand-in's state), and a payment with it.
  const card = [...stripeApi.cards.values()].at(-1) as { id: string; last4: string; cardholder: { id: string } };
  const ref = { stripeCardId: card.id, stripeCardholderId: card.cardholder.id, last4: card.last4 };
  const post = async (payload: object) => {
    const body = JSON.stringify(payload);
    const header = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET });
    const res = await request.post("/webhooks/stripe", { data: body, headers: { "Stripe-Signature": header, "Content-Type": "application/json" } });
    expect(res.status()).toBe(200);
    return res;
  };
  const auth = authorization({ card: ref, pendingAmount: 6_450 });
  const answer = await post(event("issuing_authorization.request", auth));
  expect(await answer.json()).toMatchObject({ approved: true });
  expect(answer.headers()["stripe-version"]).toBeTruthy();
  // While Stripe's authorisation is open, the request cannot be withdrawn or paid by hand: the page says why.
  await page.goto(spendUrl);
  await expect(page.getByTestId("card-payment-pending")).toContainText("Er loopt een kaartbetaling voor deze aanvraag");
  const capture = transaction({ card: ref, authorizationId: auth.id, type: "capture", amountCents: 6_450 });
  await post(event("issuing_transaction.created", capture));
  const closed = authorization({ id: auth.id, card: ref, amount: 6_450, approved: true, status: "closed", transactions: [capture] });
  await post(event("issuing_authorization.updated", closed));
  // Stripe's own lists hold the same (for "Vergelijken met Stripe").
  stripeApi.authorizations.set(closed.id, closed as unknown as Record<string, unknown>);
  stripeApi.transactions.set(capture.id, capture as unknown as Record<string, unknown>);

  await page.goto(spendUrl);
  await expect(page.getByText("Betaald").first()).toBeVisible();
  // Offline, Stripe.js (js.stripe.com) cannot load: the secure card display says so in Dutch instead of failing silently.
  await page.route("https://js.stripe.com/**", (route) => route.abort());
  await page.goto("/t/wittevrouwenveld-wyckerpoort/kaart");
  await expect(page.getByText(`•••• ${card.last4}`)).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("De beveiligde weergave van Stripe kon niet worden geladen");
  await expect(page.getByRole("cell", { name: "Afschrijving", exact: true })).toBeVisible();
  await expectAccessible(page);
  await logout(page);

  await loginAsController(page);
  await page.goto("/gemeente/werkbudget/afstemming");
  await expect(page.getByText("Alles klopt")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Vergelijken met Stripe" }).click();
  await expect(page.getByText("Stripe en Wijkwerk komen overeen")).toBeVisible();
  await expectAccessible(page);
  await logout(page);

  // Back to manual payments for the specs that follow.
  await loginAsAdmin(page);
  await page.goto("/beheer/instellingen");
  await page.getByLabel("Handmatig vastleggen").check();
  await page.getByRole("button", { name: "Uitbetaling opslaan" }).click();
  await expect(page.getByRole("status")).toHaveText("De instellingen zijn opgeslagen.");
});

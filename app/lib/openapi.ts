// The OpenAPI 3.1 description of the JSON API, written by hand next to the
// routes (app/routes/api.v1.*). Served at /api/v1/openapi.json; the prose
// version is docs/api.md. Keep both in step with the routes.
// Server-only (the enums come from the use cases): imported by the resource route's loader alone.
import { LIFE_DOMAINS, SPEND_STATUSES } from "~/core/workbudget.server";

const SPEND_ACTIONS = ["submit", "endorse", "approve", "reject", "request_info", "pay", "settle", "evaluate", "cancel"] as const;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: ref("Error") } } });
const cents = (description: string) => ({ type: "integer", description: `${description} In euro cents (integer).` });
const nullable = (schema: Record<string, unknown>) => ({ ...schema, type: [schema.type as string, "null"] });
/** A real calendar day, YYYY-MM-DD (2026-02-30 is `invalid_input` with `date_invalid`'s message on the field). */
const date = { type: "string", format: "date" };
const confirmNoPersonalData = {
  type: "boolean",
  default: false,
  description:
    "The privacy guard checks every text the controller reads (purpose, supplier, rationale, problemPrevented, customReturnJustification, expectedSocialReturn, comment, the evaluation's texts). Findings (BSN, date of birth, phone, e-mail, IBAN, address) are `personal_data` (422) with the findings, masked, per field. `true` saves anyway — only when these are not a resident's personal data; the override is written to the audit log.",
};
const dateTime = { type: "string", format: "date-time" };

const commonErrors = {
  "401": errorResponse("No, malformed, unknown, revoked or expired token (`unauthorized`), with a `WWW-Authenticate: Bearer` header."),
  "403": errorResponse(
    "The token's user may not do this (`forbidden`, `own_request`), or their role requires two-factor authentication that is not set up (`mfa_required`).",
  ),
  "404": errorResponse("Not found — also for anything outside the user's teams or municipality (`not_found`)."),
};

const teamParam = { name: "team", in: "path", required: true, description: "The team's slug (as in the web address /t/{team}).", schema: { type: "string" } };
const spendIdParam = { name: "spendId", in: "path", required: true, schema: { type: "string", format: "uuid" } };
const listParams = [
  {
    name: "status",
    in: "query",
    description: "Only these statuses; comma-separated or repeated.",
    schema: { type: "array", items: { type: "string", enum: SPEND_STATUSES } },
    style: "form",
    explode: false,
  },
  { name: "year", in: "query", description: "Budget year.", schema: { type: "integer", minimum: 2000, maximum: 2100 } },
  { name: "page", in: "query", description: "1-based page of 25 rows.", schema: { type: "integer", minimum: 1, default: 1 } },
  {
    name: "evaluationOverdue",
    in: "query",
    description: "`true`: only settled requests whose evaluation date (a day in Europe/Amsterdam) has passed.",
    schema: { type: "boolean" },
  },
];

/** The controller's finance CSV, one operation per file. */
const exportOperation = (kind: "postings" | "spends") => ({
  get: {
    tags: ["export"],
    summary:
      kind === "postings"
        ? "Finance CSV: one row per ledger posting of a budget year (budget controller)"
        : "Finance CSV: one row per spend request of a budget year (budget controller)",
    description:
      "The same file as the controller's download in the app (columns: docs/workbudget-export.md): UTF-8 with a byte-order mark, CRLF line ends, a header row; amounts in euros with two decimals; no resident references. Only for users who may read the budget and every team's requests (the budget controller); 404 for everyone else.",
    operationId: kind === "postings" ? "exportPostingsCsv" : "exportSpendsCsv",
    parameters: [
      {
        name: "year",
        in: "query",
        description: "Budget year (default: this year in Europe/Amsterdam).",
        schema: { type: "integer", minimum: 2000, maximum: 2100 },
      },
      {
        name: "decimal",
        in: "query",
        description: "`point`: `1234.50`, comma-separated. `comma`: `1234,50`, semicolon-separated (nl-NL spreadsheets).",
        schema: { type: "string", enum: ["point", "comma"], default: "point" },
      },
    ],
    responses: {
      "200": {
        description: "The CSV file (Content-Disposition: attachment).",
        content: { "text/csv": { schema: { type: "string" } } },
      },
      "400": errorResponse("Invalid or unknown query parameter (`invalid_input`)."),
      ...commonErrors,
    },
  },
});

/** The partner's own staff hours (docs/partners.md, format version 1), one operation per format. */
const partnerHoursOperation = (format: "csv" | "json") => ({
  get: {
    tags: ["partner"],
    summary:
      format === "csv"
        ? "Partner export (CSV): the own staff's registered hours per person, team and ISO week"
        : "Partner export (JSON): the own staff's registered hours per person, team and ISO week",
    description:
      "Only with a partner export token (`wkp_…`, minted by the partner manager on the partner's export page; a personal `wk_` token gets 401 here, and a `wkp_` token gets 401 everywhere else). Rows of the token's partner organisation only; nothing about residents, households or requests. Format version 1 (docs/partners.md): columns or fields are only ever added at the end.",
    operationId: format === "csv" ? "partnerHoursCsv" : "partnerHoursJson",
    security: [{ partnerExportToken: [] }],
    parameters: [
      {
        name: "from",
        in: "query",
        description: "First ISO week, inclusive (default: 13 completed weeks ago).",
        schema: { type: "string", pattern: "^\\d{4}-W\\d{2}$", examples: ["2026-W01"] },
      },
      {
        name: "to",
        in: "query",
        description: "Last ISO week, inclusive (default: the last completed week). At most 53 weeks from `from`.",
        schema: { type: "string", pattern: "^\\d{4}-W\\d{2}$", examples: ["2026-W10"] },
      },
    ],
    responses: {
      "200":
        format === "csv"
          ? { description: "UTF-8 with BOM, CRLF, semicolons, decimal comma; a header row.", content: { "text/csv": { schema: { type: "string" } } } }
          : { description: "The rows, streamed.", content: { "application/json": { schema: ref("PartnerHoursExport") } } },
      "400": errorResponse(
        "Unknown parameter or invalid period (`invalid_input`, `week_invalid`, `export_range_invalid`, `export_range_too_long`), with `fields`.",
      ),
      "401": errorResponse("No, unknown, revoked or expired partner export token, or its maker no longer manages the partner (`unauthorized`)."),
      "405": errorResponse("Only GET."),
    },
  },
});

export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Wijkwerk API",
      version: "1.0.0",
      description:
        "The workbudget of the social teams: budgets, spend requests and their workflow. Authenticate with a personal API token (created under Mijn account → API-tokens) as `Authorization: Bearer wk_…`. A token acts with exactly its user's permissions: a team member sees and writes their own team's requests, the budget controller sees all teams' requests and approves, pays and settles. Amounts are integer euro cents. Error messages are in Dutch; the `code` is stable.",
    },
    servers: [{ url: serverUrl }],
    security: [{ bearerToken: [] }],
    tags: [{ name: "budgets" }, { name: "spends" }, { name: "export" }, { name: "partner" }, { name: "meta" }],
    paths: {
      "/api/v1/openapi.json": {
        get: {
          tags: ["meta"],
          summary: "This document",
          operationId: "getOpenApi",
          security: [],
          responses: { "200": { description: "The OpenAPI document.", content: { "application/json": { schema: { type: "object" } } } } },
        },
      },
      "/api/v1/budgets": {
        get: {
          tags: ["budgets"],
          summary: "Budgets of the municipality per year, with their balances",
          operationId: "listBudgets",
          responses: {
            "200": {
              description: "All budgets, oldest year first.",
              content: {
                "application/json": { schema: { type: "object", required: ["data"], properties: { data: { type: "array", items: ref("Budget") } } } },
              },
            },
            ...commonErrors,
          },
        },
      },
      "/api/v1/teams/{team}/spends": {
        parameters: [teamParam],
        get: {
          tags: ["spends"],
          summary: "The team's spend requests the user may read",
          description: "A member sees their own requests, the coordinator the whole team's. Newest first.",
          operationId: "listTeamSpends",
          parameters: listParams,
          responses: {
            "200": { description: "One page of requests.", content: { "application/json": { schema: ref("SpendList") } } },
            "400": errorResponse("Invalid or unknown query parameter (`invalid_input`)."),
            ...commonErrors,
          },
        },
        post: {
          tags: ["spends"],
          summary: "Create a draft spend request in the team",
          description: "The draft is booked on the budget of the year it is needed (default: this year). Submit it with the `submit` transition.",
          operationId: "createSpendDraft",
          requestBody: { required: true, content: { "application/json": { schema: ref("SpendDraftInput") } } },
          responses: {
            "201": {
              description: "Created; `Location` points at the new request.",
              headers: { Location: { schema: { type: "string" } } },
              content: { "application/json": { schema: { type: "object", required: ["data"], properties: { data: ref("Spend") } } } },
            },
            "400": errorResponse("Invalid body (`invalid_input`, `invalid_json`), with `fields`."),
            "409": errorResponse("No budget for that year (`no_budget`)."),
            "413": errorResponse("Body larger than 64 KB (`body_too_large`)."),
            "415": errorResponse("Body is not JSON (`unsupported_media_type`)."),
            ...commonErrors,
          },
        },
      },
      "/api/v1/teams/{team}/spends/{spendId}": {
        parameters: [teamParam, spendIdParam],
        get: {
          tags: ["spends"],
          summary: "One spend request with its timeline",
          operationId: "getTeamSpend",
          responses: {
            "200": {
              description: "The request.",
              content: { "application/json": { schema: { type: "object", required: ["data"], properties: { data: ref("Spend") } } } },
            },
            ...commonErrors,
          },
        },
      },
      "/api/v1/spends": {
        get: {
          tags: ["spends"],
          summary: "All teams' spend requests (budget controller)",
          description: "Only for users who may read requests municipality-wide (the budget controller); 404 for everyone else.",
          operationId: "listSpends",
          parameters: [
            ...listParams,
            { name: "teamId", in: "query", schema: { type: "string", format: "uuid" } },
            { name: "from", in: "query", description: "Created on or after (Europe/Amsterdam).", schema: date },
            { name: "to", in: "query", description: "Created on or before (Europe/Amsterdam).", schema: date },
          ],
          responses: {
            "200": { description: "One page of requests.", content: { "application/json": { schema: ref("SpendList") } } },
            "400": errorResponse("Invalid or unknown query parameter (`invalid_input`)."),
            ...commonErrors,
          },
        },
      },
      "/api/v1/spends/{spendId}": {
        parameters: [spendIdParam],
        get: {
          tags: ["spends"],
          summary: "One spend request by id, with its timeline",
          description:
            "For whoever may read it: a member of the request's team (a member their own requests, the coordinator the whole team's) or the budget controller (every team's). 404 for everyone else, whether or not the request exists. Same shape as `GET /api/v1/teams/{team}/spends/{spendId}`.",
          operationId: "getSpend",
          responses: {
            "200": {
              description: "The request.",
              content: { "application/json": { schema: { type: "object", required: ["data"], properties: { data: ref("Spend") } } } },
            },
            ...commonErrors,
          },
        },
      },
      "/api/v1/export/postings.csv": exportOperation("postings"),
      "/api/v1/export/spends.csv": exportOperation("spends"),
      "/api/v1/partner/hours.csv": partnerHoursOperation("csv"),
      "/api/v1/partner/hours.json": partnerHoursOperation("json"),
      "/api/v1/spends/{spendId}/transitions": {
        parameters: [spendIdParam],
        post: {
          tags: ["spends"],
          summary: "Take a workflow step on a spend request",
          description:
            "draft → submitted → (endorsed) → approved | rejected | info_requested → paid → settled → evaluated, plus cancelled. Above the budget's threshold a second, different approver is needed (the first approval answers `awaiting_second_approval`). The author never endorses, approves, rejects or requests information on their own request. The team's coordinator may, besides endorsing, request information or reject (decline with a reason) while the request is `submitted`. Runs in the team's scope when the user is a member of the request's team, else in the municipality scope (controller). Send an `Idempotency-Key` with every money-moving step (approve, pay, settle, cancel): a retry with the same key and the same body returns the first result without moving money again; the same key with a different body is `idempotency_conflict` (409).",
          operationId: "transitionSpend",
          parameters: [
            {
              name: "Idempotency-Key",
              in: "header",
              required: false,
              description: "8–200 characters, unique per command (e.g. a UUID). Stored per municipality with a hash of the request.",
              schema: { type: "string", minLength: 8, maxLength: 200 },
            },
          ],
          requestBody: { required: true, content: { "application/json": { schema: ref("TransitionInput") } } },
          responses: {
            "200": {
              description: "The step was taken (or replayed for the same Idempotency-Key).",
              content: { "application/json": { schema: { type: "object", required: ["data"], properties: { data: ref("TransitionResult") } } } },
            },
            "400": errorResponse(
              "Invalid body (`invalid_input`, `invalid_json`, `comment_required`, `spend_incomplete`, `payment_exceeds_approved`, `settlement_exceeds_paid`), with `fields`.",
            ),
            "409": errorResponse(
              "Not allowed from the current status (`spend_invalid_transition`), `insufficient_budget`, `second_approver_required`, `idempotency_conflict`, `concurrent_change` (a concurrent request got there first; nothing was written — try again).",
            ),
            "413": errorResponse("Body larger than 64 KB (`body_too_large`)."),
            "415": errorResponse("Body is not JSON (`unsupported_media_type`)."),
            ...commonErrors,
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerToken: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "wk_ + 43 base64url characters",
          description: "A personal API token. Only its SHA-256 is stored; revoke it under Mijn account → API-tokens.",
        },
        partnerExportToken: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "wkp_ + base64url characters",
          description: "A partner export token: reads only its partner's hours export. Only its SHA-256 is stored; revoke it on the partner's export page.",
        },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: { type: "string", description: "Stable machine-readable code, e.g. unauthorized, not_found, invalid_input, insufficient_budget." },
                message: { type: "string", description: "Dutch message for people." },
                fields: {
                  type: "object",
                  additionalProperties: { type: "array", items: { type: "string" } },
                  description: "Per field (dotted path) the Dutch messages.",
                },
              },
            },
          },
        },
        PartnerHoursExport: {
          type: "object",
          required: ["version", "partner", "from", "to", "rows"],
          properties: {
            version: { type: "integer", const: 1 },
            partner: { type: "object", required: ["slug", "name"], properties: { slug: { type: "string" }, name: { type: "string" } } },
            from: { type: "string", examples: ["2026-W01"] },
            to: { type: "string", examples: ["2026-W10"] },
            rows: {
              type: "array",
              items: {
                type: "object",
                required: ["week", "weekStart", "person", "team", "hours"],
                properties: {
                  week: { type: "string", examples: ["2026-W05"] },
                  weekStart: date,
                  person: {
                    type: "object",
                    properties: {
                      id: { type: "string", format: "uuid" },
                      name: { type: ["string", "null"], description: "Empty when the person is now employed elsewhere." },
                      email: { type: ["string", "null"] },
                      discipline: { type: ["string", "null"], description: "At registration." },
                    },
                  },
                  team: { type: "object", properties: { slug: { type: "string" }, name: { type: "string" } } },
                  hours: {
                    type: "object",
                    properties: Object.fromEntries(["individual", "collective", "meeting", "workgroup", "other", "total"].map((k) => [k, { type: "number" }])),
                  },
                },
              },
            },
          },
        },
        Budget: {
          type: "object",
          required: ["id", "year", "name", "fundedCents", "availableCents", "reservedCents", "paidCents"],
          properties: {
            id: { type: "string", format: "uuid" },
            year: { type: "integer" },
            name: { type: "string" },
            approvalThresholdCents: cents("Above this amount a second approver is required."),
            evaluationAfterMonths: { type: "integer" },
            fundedCents: cents("Total funding."),
            availableCents: cents("Not reserved and not paid; never below zero."),
            reservedCents: cents("Approved, not yet paid."),
            paidCents: cents("Paid."),
            createdAt: dateTime,
          },
        },
        SpendListItem: {
          type: "object",
          properties: {
            id: { type: "string", format: "uuid" },
            reference: { type: "string", examples: ["WB-2026-0042"] },
            number: { type: "integer" },
            teamName: { type: "string" },
            authorName: { type: "string" },
            status: { type: "string", enum: SPEND_STATUSES },
            amountCents: cents("Requested amount."),
            purpose: { type: "string" },
            neededOn: nullable(date),
            createdAt: dateTime,
            updatedAt: dateTime,
            evaluationDueOn: { ...nullable(date), description: "Settled requests: the day the team is asked to evaluate." },
            evaluationOverdue: { type: "boolean", description: "Settled and the evaluation date (Europe/Amsterdam) has passed." },
          },
        },
        SpendList: {
          type: "object",
          required: ["data", "page", "pages", "total"],
          properties: {
            data: { type: "array", items: ref("SpendListItem") },
            page: { type: "integer" },
            pages: { type: "integer" },
            total: { type: "integer" },
            pageSize: { type: "integer" },
          },
        },
        Spend: {
          type: "object",
          properties: {
            id: { type: "string", format: "uuid" },
            reference: { type: "string" },
            number: { type: "integer" },
            team: { type: "object", properties: { id: { type: "string", format: "uuid" }, slug: { type: "string" }, name: { type: "string" } } },
            author: { type: "object", properties: { id: { type: "string", format: "uuid" }, name: { type: "string" } } },
            status: { type: "string", enum: SPEND_STATUSES },
            amountCents: cents("Requested amount."),
            neededOn: nullable(date),
            purpose: { type: "string", description: "What it buys and from whom." },
            supplier: { type: "string" },
            rationale: { type: "string" },
            problemPrevented: { type: "string" },
            lifeDomains: { type: "array", items: { type: "string", enum: LIFE_DOMAINS } },
            residentRef: { type: "string", description: "The team's pseudonymous reference; never a name." },
            norm: {
              oneOf: [
                { type: "null" },
                {
                  type: "object",
                  properties: {
                    id: { type: "string" },
                    code: { type: "string" },
                    label: { type: "string" },
                    amountCents: { type: "integer" },
                    unit: { type: "string" },
                    source: { type: "string" },
                    isLocalEstimate: { type: "boolean" },
                  },
                },
              ],
            },
            expectedReturnCents: nullable(cents("Expected financial return.")),
            customReturnJustification: { type: ["string", "null"] },
            expectedSocialDomains: { type: "array", items: { type: "string", enum: LIFE_DOMAINS } },
            expectedSocialReturn: { type: "string" },
            approvalThresholdCents: cents("The budget's threshold for a second approver."),
            approvedAt: nullable(dateTime),
            paidCents: cents("The payment as recorded (by card: captured minus refunded), before what came back at settlement."),
            paymentDate: nullable(date),
            paymentMethod: { type: ["string", "null"], enum: ["bank_transfer", "cash", "card", "invoice", null] },
            paymentReference: { type: ["string", "null"] },
            settledCents: nullable(cents("Actual cost at settlement.")),
            settledAt: nullable(dateTime),
            ledger: {
              type: "object",
              description: "The request's money in the ledger, as the controller's dashboard and the finance CSV count it (docs/workbudget.md).",
              properties: {
                reservedCents: cents("Reserved now."),
                paidCents: cents("Paid minus what came back; after settlement the actual cost."),
                committedCents: cents("Reserved + paid: the cost to the workbudget."),
              },
            },
            evaluationDueOn: nullable(date),
            evaluation: { oneOf: [{ type: "null" }, ref("EvaluationInput")] },
            evaluatedAt: nullable(dateTime),
            rejectionReason: { type: ["string", "null"] },
            createdAt: dateTime,
            updatedAt: dateTime,
            allowedActions: {
              type: "array",
              items: { type: "string", enum: SPEND_ACTIONS },
              description: "Steps this user may take now (the server checks again).",
            },
            timeline: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  id: { type: "integer" },
                  action: { type: "string" },
                  fromStatus: { type: ["string", "null"] },
                  toStatus: { type: "string" },
                  actorName: { type: "string" },
                  comment: { type: ["string", "null"] },
                  occurredAt: dateTime,
                },
              },
            },
          },
        },
        SpendDraftInput: {
          type: "object",
          additionalProperties: false,
          required: ["amountCents"],
          properties: {
            amountCents: { type: "integer", minimum: 1, maximum: 100_000_000, description: "In euro cents (integer)." },
            neededOn: nullable(date),
            purpose: { type: "string", maxLength: 500 },
            supplier: { type: "string", maxLength: 200 },
            rationale: { type: "string", maxLength: 4000, description: "Why this, why now, why not a regular regulation." },
            problemPrevented: { type: "string", maxLength: 4000 },
            lifeDomains: { type: "array", items: { type: "string", enum: LIFE_DOMAINS } },
            residentRef: {
              type: "string",
              maxLength: 40,
              pattern: "^([A-Za-z]{1,5}-[0-9]{1,6})?$",
              description:
                "The team's resident pseudonym only: the team's prefix, a hyphen and digits (e.g. `MB-014` in Mariaberg; stored in capitals). Another team's prefix or any other text (a name) is `resident_ref_format` (400), with the expected form in `fields.residentRef`.",
            },
            householdId: {
              type: ["string", "null"],
              format: "uuid",
              description:
                "Optional: a household of the same team (casework). Its pseudonymous reference then becomes `residentRef`; another team's household is `household_unknown` (400). Null unlinks; absent keeps the link.",
            },
            normId: { type: ["string", "null"], format: "uuid", description: "A return norm; its amount becomes the expected return." },
            expectedReturnCents: {
              type: ["integer", "null"],
              minimum: 0,
              description: "A custom estimate (requires customReturnJustification without a norm).",
            },
            customReturnJustification: { type: ["string", "null"], maxLength: 2000 },
            expectedSocialDomains: { type: "array", items: { type: "string", enum: LIFE_DOMAINS } },
            expectedSocialReturn: { type: "string", maxLength: 4000 },
            confirmNoPersonalData: { ...confirmNoPersonalData },
          },
        },
        PaymentInput: {
          type: "object",
          required: ["amountCents", "paymentDate", "method"],
          properties: {
            amountCents: { type: "integer", minimum: 1, description: "In euro cents; at most the approved amount." },
            paymentDate: date,
            method: { type: "string", enum: ["bank_transfer", "cash", "card", "invoice"] },
            reference: { type: "string", maxLength: 200 },
          },
        },
        EvaluationInput: {
          type: "object",
          required: ["prevented", "otherRegulationApplied"],
          properties: {
            prevented: { type: "string", enum: ["yes", "partly", "no", "unknown"] },
            realisedReturnCents: { type: ["integer", "null"], minimum: 0 },
            realisedSocialReturn: { type: "string" },
            otherRegulationApplied: { type: "boolean" },
            otherRegulation: { type: ["string", "null"], description: "Required when otherRegulationApplied, e.g. bijzondere bijstand." },
            otherRegulationAmountCents: { type: ["integer", "null"], minimum: 0 },
            otherRegulationLeadDays: { type: ["integer", "null"], minimum: 0 },
          },
        },
        TransitionInput: {
          type: "object",
          additionalProperties: false,
          required: ["action"],
          properties: {
            action: { type: "string", enum: SPEND_ACTIONS },
            comment: { type: ["string", "null"], maxLength: 4000, description: "Required for reject and request_info." },
            payment: { ...ref("PaymentInput"), description: "Required for pay." },
            actualCents: { type: "integer", minimum: 0, description: "Required for settle: the actual cost in cents (at most what was paid)." },
            evaluation: { ...ref("EvaluationInput"), description: "Required for evaluate." },
            confirmNoPersonalData: { ...confirmNoPersonalData },
          },
        },
        TransitionResult: {
          type: "object",
          required: ["spendId", "status", "action"],
          properties: {
            spendId: { type: "string", format: "uuid" },
            status: { type: "string", enum: SPEND_STATUSES, description: "The request's status after the step." },
            action: { type: "string", enum: [...SPEND_ACTIONS, "first_approval"] },
          },
        },
      },
    },
  };
}

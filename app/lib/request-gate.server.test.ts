// The request gate's pure parts: limits per kind of route, field names and
// indices (urlencoded, multipart, the query string, conform's __intent__),
// and the origin check. test/request-gate.test.ts proves them over the real
// server (node server.js).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  GATE_LIMITS,
  bodyLimitFor,
  checkBody,
  checkFieldNames,
  checkIntentValue,
  checkOrigin,
  checkQuery,
  multipartEntries,
  refusalResponse,
  writeBody,
} from "./request-gate.server";

const MB = 1024 * 1024;

async function multipart(fields: [string, string | File][]): Promise<{ body: Buffer; contentType: string }> {
  const form = new FormData();
  for (const [k, v] of fields) form.append(k, v);
  // The bytes and boundary a browser-like client (undici) sends.
  const request = new Request("http://localhost/", { method: "POST", body: form });
  return { body: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get("content-type")! };
}

describe("field names", () => {
  it("refuses the index that made conform build an array of 3,000,000 (and its dotted and oversized forms)", () => {
    expect(checkFieldNames(["foo[3000000]"])).toEqual({ status: 400, code: "invalid_field_name" });
    expect(checkFieldNames(["lifeDomains[1000000]"])).toEqual({ status: 400, code: "invalid_field_name" });
    // `a.3000000` lengthens an array conform made for `a[0]`.
    expect(checkFieldNames(["a[0]", "a.3000000"])?.code).toBe("invalid_field_name");
    expect(checkFieldNames(["a[99999999999999999999999]"])?.code).toBe("invalid_field_name");
    expect(checkFieldNames([`rows[${GATE_LIMITS.maxIndex + 1}]`])?.code).toBe("invalid_field_name");
  });

  it("lets the app's own list fields through, up to index 999", () => {
    const agreement = [
      "kind",
      "reference",
      "validFrom",
      "validTo",
      ...Array.from({ length: 120 }, (_, i) => [`contributions[${i}].teamId`, `contributions[${i}].discipline`, `contributions[${i}].hoursPerWeek`]).flat(),
    ];
    expect(checkFieldNames(agreement)).toBeNull();
    expect(checkFieldNames(["lifeDomains", "lifeDomains", "expectedSocialDomains[]", `rows[${GATE_LIMITS.maxIndex}]`])).toBeNull();
  });

  it("bounds the total length of the arrays the names imply", () => {
    // Each is allowed alone; eleven arrays of 1000 are not.
    const names = Array.from({ length: 11 }, (_, i) => `a${i}[999]`);
    expect(checkFieldNames(names.slice(0, 10))).toBeNull();
    expect(checkFieldNames(names)?.code).toBe("invalid_field_name");
    // The same array named many times counts once.
    expect(checkFieldNames(Array.from({ length: 500 }, () => "a[999]"))).toBeNull();
  });

  it("counts the fields", () => {
    expect(checkFieldNames(Array.from({ length: GATE_LIMITS.fields }, (_, i) => `f${i}`))).toBeNull();
    expect(checkFieldNames(Array.from({ length: GATE_LIMITS.fields + 1 }, (_, i) => `f${i}`))).toEqual({ status: 413, code: "too_many_fields" });
  });

  it("refuses names longer than 256 characters (one name of a million nested indices must not cost the gate itself)", () => {
    expect(checkFieldNames(["a[0]".repeat(64)])).toBeNull();
    expect(checkFieldNames(["a[0]".repeat(65)])?.code).toBe("invalid_field_name");
    const started = performance.now();
    expect(checkBody(Buffer.from(`${"a[0]".repeat(250_000)}=v`), "application/x-www-form-urlencoded")?.code).toBe("invalid_field_name");
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("refuses names conform cannot parse", () => {
    for (const name of ["a]b", "a..b", "a[x]", "__proto__.x", "a.constructor"]) expect(checkFieldNames([name])?.code, name).toBe("invalid_field_name");
  });

  it("checks the indices in conform's __intent__", () => {
    expect(checkIntentValue(JSON.stringify({ type: "insert", payload: { name: "contributions", index: 3_000_000 } }))?.code).toBe("invalid_field_name");
    expect(checkIntentValue(JSON.stringify({ type: "reorder", payload: { name: "rows", from: 0, to: 1e9 } }))?.code).toBe("invalid_field_name");
    expect(checkIntentValue(JSON.stringify({ type: "validate", payload: { name: "rows[3000000]" } }))?.code).toBe("invalid_field_name");
    expect(checkIntentValue(JSON.stringify({ type: "insert", payload: { name: "contributions", index: 3 } }))).toBeNull();
    expect(checkIntentValue("not json")).toBeNull();
    expect(
      checkBody(
        Buffer.from(`__intent__=${encodeURIComponent(JSON.stringify({ type: "insert", payload: { name: "x", index: 5_000_000 } }))}`),
        "application/x-www-form-urlencoded",
      )?.code,
    ).toBe("invalid_field_name");
  });
});

describe("bodies", () => {
  it("urlencoded: the 59-byte request of the report is refused, a login form is not", () => {
    expect(checkBody(Buffer.from("foo[3000000]=v"), "application/x-www-form-urlencoded")).toEqual({ status: 400, code: "invalid_field_name" });
    expect(checkBody(Buffer.from("email=a%40b.nl&password=x&next=%2F"), "application/x-www-form-urlencoded; charset=UTF-8")).toBeNull();
    const many = Array.from({ length: GATE_LIMITS.fields + 1 }, (_, i) => `f${i}=1`).join("&");
    expect(checkBody(Buffer.from(many), "application/x-www-form-urlencoded")?.code).toBe("too_many_fields");
  });

  it("multipart: reads every part's name, also next to a file name with ; and =", async () => {
    const { body, contentType } = await multipart([
      ["intent", "add_attachment"],
      ["kind", "invoice"],
      ["file", new File([Buffer.from("%PDF-1.4 a\r\n--not-the-boundary\r\n")], "rekening; deel=2.pdf", { type: "application/pdf" })],
      ["__intent__", JSON.stringify({ type: "validate", payload: { name: "kind" } })],
    ]);
    expect(multipartEntries(body, contentType, 100)?.map(([n]) => n)).toEqual(["intent", "kind", "file", "__intent__"]);
    expect(checkBody(body, contentType)).toBeNull();
    const hostile = await multipart([["lifeDomains[1000000]", "x"]]);
    expect(checkBody(hostile.body, hostile.contentType)?.code).toBe("invalid_field_name");
    // However long the intent's JSON is.
    const intent = await multipart([
      ["__intent__", JSON.stringify({ type: "insert", payload: { name: "x", index: 3_000_000, defaultValue: "a".repeat(10_000) } })],
    ]);
    expect(checkBody(intent.body, intent.contentType)?.code).toBe("invalid_field_name");
    const many = await multipart(Array.from({ length: GATE_LIMITS.fields + 1 }, (_, i) => [`f${i}`, "1"] as [string, string]));
    expect(checkBody(many.body, many.contentType)?.code).toBe("too_many_fields");
  });

  it("multipart: a second name= parameter cannot hide a bad name; a broken body is refused", () => {
    const boundary = "----x";
    const part = (disposition: string) => Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n\r\nv\r\n--${boundary}--\r\n`);
    const type = `multipart/form-data; boundary=${boundary}`;
    expect(checkBody(part('form-data; name="ok"; name="foo[3000000]"'), type)?.code).toBe("invalid_field_name");
    expect(checkBody(part('form-data; name="ok"; filename="scan[2024].pdf"'), type)).toBeNull();
    expect(checkBody(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end`), type)).toEqual({
      status: 400,
      code: "malformed_body",
    });
    expect(checkBody(Buffer.from("x"), "multipart/form-data")).toEqual({ status: 400, code: "malformed_body" });
  });

  it("other bodies (JSON) are only capped by size", () => {
    expect(checkBody(Buffer.from('{"a[3000000]":1}'), "application/json")).toBeNull();
  });
});

describe("the query string", () => {
  it("size, number of parameters and indices", () => {
    expect(checkQuery("?_data=routes%2Faccount.api-tokens&next=%2Ft%2Fx&status=submitted&status=endorsed")).toBeNull();
    expect(checkQuery("")).toBeNull();
    expect(checkQuery(`?q=${"a".repeat(GATE_LIMITS.queryBytes)}`)).toEqual({ status: 400, code: "query_too_large" });
    expect(checkQuery(`?${Array.from({ length: GATE_LIMITS.queryParams + 1 }, (_, i) => `p${i}=1`).join("&")}`)).toEqual({
      status: 400,
      code: "query_too_large",
    });
    expect(checkQuery("?foo%5B3000000%5D=v")).toEqual({ status: 400, code: "invalid_query" });
  });
});

describe("body limits per kind of route", () => {
  it("uploads just over their files, the webhook small, the API at 64 KB, other forms at 1 MB", () => {
    const mp = "multipart/form-data; boundary=x";
    expect(bodyLimitFor("/t/daalhof/werkbudget/3f1c", mp)).toMatchObject({ kind: "upload", maxBytes: 6 * MB });
    expect(bodyLimitFor("/werkgroepen/preventie", mp)).toMatchObject({ kind: "upload", maxBytes: 16 * MB });
    expect(bodyLimitFor("/werkgroepen/preventie/draad/3f1c", mp)).toMatchObject({ kind: "upload", maxBytes: 16 * MB });
    // The casework history import: one CSV of at most 20 MB (page and its upload endpoint).
    expect(bodyLimitFor("/t/daalhof/huishoudens/importeren", mp)).toMatchObject({ kind: "upload", maxBytes: 21 * MB });
    expect(bodyLimitFor("/t/daalhof/huishoudens/importeren/bestand", mp)).toMatchObject({ kind: "upload", maxBytes: 21 * MB });
    // The same routes without files, and files anywhere else, get the form cap.
    expect(bodyLimitFor("/t/daalhof/werkbudget/3f1c", "application/x-www-form-urlencoded")).toMatchObject({ kind: "form", maxBytes: MB });
    expect(bodyLimitFor("/inloggen", mp)).toMatchObject({ kind: "form", maxBytes: MB });
    expect(bodyLimitFor("/webhooks/stripe", "application/json")).toMatchObject({ kind: "webhook", maxBytes: 256 * 1024 });
    expect(bodyLimitFor("/api/v1/spends", "application/json")).toMatchObject({ kind: "api", maxBytes: 64 * 1024 });
  });

  it("the form cap holds the largest legitimate text: 50,000 characters (a handbook page, meeting notes) with the agenda, percent-encoded", () => {
    const worst = encodeURIComponent("€".repeat(50_000)).length + encodeURIComponent("€".repeat(20_000)).length;
    expect(worst).toBeLessThan(GATE_LIMITS.formBytes);
  });

  it("every route that reads files is an upload route of the gate", () => {
    const dir = path.resolve("app/routes");
    const readers = readdirSync(dir).filter((f) => /\breadForm\(|\breadPostForm\(|\bparseUploadForm\(/.test(readFileSync(path.join(dir, f), "utf8")));
    expect(readers.length).toBeGreaterThanOrEqual(4);
    for (const file of readers) {
      // Remix's flat routes: dots are slashes, $param a segment, a trailing _ only groups, _index nothing.
      const url = `/${file
        .replace(/\.tsx?$/, "")
        .split(".")
        .filter((s) => s !== "_index")
        .map((s) => (s.startsWith("$") ? "x1" : s.replace(/_$/, "")))
        .join("/")}`;
      expect(bodyLimitFor(url, "multipart/form-data; boundary=x").kind, `${file} → ${url}`).toBe("upload");
    }
  });
});

describe("the origin check", () => {
  const app = "http://127.0.0.1:3000";
  const check = (method: string, url: string, headers: Record<string, string>, appUrl: string | null = null) =>
    checkOrigin({ method, url, headers: new Headers(headers), appUrl });
  const tokens = `${app}/account/api-tokens?_data=routes%2Faccount.api-tokens`;

  it("every state-changing method from another origin is 403, ?_data= included; GET and HEAD pass", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
      expect(check(method, tokens, { Origin: "https://evil.example" }), method).toEqual({ status: 403, code: "cross_origin" });
    for (const method of ["GET", "HEAD"]) expect(check(method, tokens, { Origin: "https://evil.example" })).toBeNull();
  });

  it("same site is not same origin: another port, another subdomain, http for https, Origin: null", () => {
    expect(check("POST", tokens, { Origin: "http://127.0.0.1:3001" })?.status).toBe(403);
    expect(check("POST", "https://wijkwerk.example.nl/x", { Origin: "https://test.wijkwerk.example.nl" })?.status).toBe(403);
    expect(check("POST", "https://wijkwerk.example.nl/x", { Origin: "http://wijkwerk.example.nl" })?.status).toBe(403);
    expect(check("POST", tokens, { Origin: "null" })?.status).toBe(403);
    expect(check("POST", tokens, { Origin: app })).toBeNull();
  });

  it("without Origin: Sec-Fetch-Site, then Referer; none of the three (no browser) passes", () => {
    expect(check("POST", tokens, { "Sec-Fetch-Site": "same-site" })?.status).toBe(403);
    expect(check("POST", tokens, { "Sec-Fetch-Site": "cross-site" })?.status).toBe(403);
    expect(check("POST", tokens, { "Sec-Fetch-Site": "same-origin" })).toBeNull();
    expect(check("POST", tokens, { Referer: "http://127.0.0.1:3001/page" })?.status).toBe(403);
    expect(check("POST", tokens, { Referer: `${app}/account/api-tokens` })).toBeNull();
    expect(check("POST", tokens, { Referer: "not a url" })?.status).toBe(403);
    expect(check("POST", tokens, {})).toBeNull();
  });

  it("APP_URL, when set, is our origin (behind a proxy the Host may be an internal name)", () => {
    expect(check("POST", "http://app:3000/x", { Origin: "https://wijkwerk.example.nl" }, "https://wijkwerk.example.nl/")).toBeNull();
    expect(check("POST", "http://app:3000/x", { Origin: "http://app:3000" }, "https://wijkwerk.example.nl")?.status).toBe(403);
  });

  it("exempt: the signed Stripe webhook, and API calls with a Bearer token and no session cookie", () => {
    expect(check("POST", `${app}/webhooks/stripe`, { Origin: "https://evil.example" })).toBeNull();
    expect(check("POST", `${app}/api/v1/spends`, { Origin: "https://evil.example", Authorization: "Bearer wk_x" })).toBeNull();
    expect(
      check("POST", `${app}/api/v1/spends`, { Origin: "https://evil.example", Authorization: "Bearer wk_x", Cookie: "a=1; wijkwerk_session=abc" })?.status,
    ).toBe(403);
    expect(check("POST", `${app}/api/v1/spends`, { Origin: "https://evil.example" })?.status).toBe(403);
    expect(check("POST", `${app}/account/api-tokens`, { Origin: "https://evil.example", Authorization: "Bearer wk_x" })?.status).toBe(403);
  });
});

describe("refusals", () => {
  it("a short Dutch page, JSON under /api/ and /webhooks/", () => {
    const page = refusalResponse({ status: 403, code: "cross_origin" }, "/account/api-tokens");
    expect(page.status).toBe(403);
    expect(page.headers["Content-Type"]).toMatch(/text\/html/);
    expect(page.body).toContain('lang="nl"');
    expect(page.body).toContain("Dit verzoek kwam niet van een pagina van Wijkwerk zelf");
    expect(page.body.length).toBeLessThan(1000);
    const api = refusalResponse({ status: 413, code: "api_body_too_large" }, "/api/v1/spends");
    expect(JSON.parse(api.body)).toEqual({ error: { code: "body_too_large", message: "Het verzoek is te groot (maximaal 64 KB)." } });
  });
});

describe("writing the answer", () => {
  /** A response that records what happens to it, in order. */
  const recorder = () => {
    const events: string[] = [];
    const res = {
      writableEnded: false,
      write: (chunk: Uint8Array) => (events.push(`write ${new TextDecoder().decode(chunk)}`), true),
      flush: () => void events.push("flush"),
      end: () => ((res.writableEnded = true), events.push("end"), res),
      destroy: () => res,
    };
    return { res, events };
  };

  it("flushes chunks that come together once, and a later chunk (a deferred part, the next event) as soon as it comes", async () => {
    let later!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        for (const part of ["a", "b", "c"]) c.enqueue(new TextEncoder().encode(part));
        later = c;
      },
    });
    const { res, events } = recorder();
    const written = writeBody(body, res as never);
    await new Promise((r) => setTimeout(r, 20));
    // Not a flush per chunk (the gzip flush per 2 KB chunk that cost a page ≈ 4 ms), but flushed while waiting.
    expect(events).toEqual(["write a", "write b", "write c", "flush"]);
    later.enqueue(new TextEncoder().encode("d"));
    await new Promise((r) => setTimeout(r, 20));
    expect(events).toEqual(["write a", "write b", "write c", "flush", "write d", "flush"]);
    later.close();
    await written;
    expect(events.at(-1)).toBe("end");
  });
});

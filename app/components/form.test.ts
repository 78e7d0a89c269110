// The error summary's links reach their fields in the server's HTML, before
// any JavaScript: each link's target is the id of the field's own element.
import { createElement as h } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FileField, FormErrors, SelectField, TextAreaField, TextField, useFormKit } from "./form";

/** A kit form as a route renders it after the server refused a submit with an error on every field. */
function RefusedForm({ formId }: { formId?: string }) {
  const [form, fields] = useFormKit({
    id: formId,
    lastResult: {
      status: "error",
      initialValue: { title: "x" },
      error: { "": ["Het formulier bevat fouten."], title: ["Te kort."], body: ["Leeg."], theme: ["Kies een thema."], file: ["Te groot."] },
    },
  });
  return h(
    "form",
    { id: form.id },
    h(FormErrors, { form }),
    h(TextField, { field: fields.title, label: "Titel", hint: "Kort" }),
    h(TextAreaField, { field: fields.body, label: "Tekst" }),
    h(SelectField, { field: fields.theme, label: "Thema", options: [{ value: "a", label: "A" }] }),
    h(FileField, { field: fields.file, label: "Bestand", accept: "application/pdf" }),
  );
}

const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&amp;/g, "&");

describe("FormErrors' links", () => {
  for (const formId of ["post", undefined]) {
    it(`point at each field's element (${formId ? "a named form" : "a form id from useId"})`, () => {
      const html = renderToString(h(RefusedForm, { formId }));
      const targets = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => decode(m[1]));
      expect(targets).toHaveLength(4);
      const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => decode(m[1])));
      for (const target of targets) expect(ids).toContain(target);
      // The element with that id is the field's control, the one its label names.
      for (const target of targets) expect(html).toMatch(new RegExp(`<label for="${target.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"`));
    });
  }
});

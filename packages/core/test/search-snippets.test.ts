// Search results show plain text (issue 17): the snippet of a post or handbook page written in
// markdown loses its marks ("## ", "**", "[tekst](url)", "- "), keeps its words and the highlights.
import { describe, expect, it } from "vitest";
import { markdownToPlainText } from "../src/common";
import { snippetParts } from "../src/workgroups";

const [S, E] = ["\uE000", "\uE001"]; // the highlight markers of workgroups/search

describe("markdownToPlainText", () => {
  it("drops headings, emphasis, links, list and quote marks", () => {
    expect(
      markdownToPlainText("## Aanpak\n\n**Vroeg** signaleren van _schulden_:\n- bel de [budgetcoach](https://example.nl/coach)\n- `niet` wachten\n> Citaat"),
    ).toBe("Aanpak Vroeg signaleren van schulden: bel de budgetcoach niet wachten Citaat");
  });

  it("drops a heading mark inside a snippet that joins the title and the text", () => {
    expect(markdownToPlainText("Vroegsignalering schulden. ## Afspraak Bij twee maanden")).toBe("Vroegsignalering schulden. Afspraak Bij twee maanden");
    expect(markdownToPlainText("Bel # 5 of kamer #12")).toBe("Bel # 5 of kamer #12");
  });

  it("cleans a fragment cut out of a text: half a link, a lone marker", () => {
    expect(markdownToPlainText("lees de [handleiding](https://exam")).toBe("lees de handleiding");
    expect(markdownToPlainText("vet** en verder")).toBe("vet en verder");
  });

  it("leaves ordinary text alone: snake_case words, sums, dates", () => {
    expect(markdownToPlainText("3 * 4 = 12 op 22-11-2026, bestand rapport_2026.pdf")).toBe("3 * 4 = 12 op 22-11-2026, bestand rapport_2026.pdf");
  });
});

describe("snippetParts", () => {
  it("gives plain text with the hits marked", () => {
    expect(snippetParts(`## Schulden\n**${S}schuld${E}hulp** in de [buurt](https://x.nl)`)).toEqual([
      { text: "Schulden ", hit: false },
      { text: "schuld", hit: true },
      { text: "hulp in de buurt", hit: false },
    ]);
  });
});

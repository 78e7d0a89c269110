import { describe, expect, it } from "vitest";
import { formatFileSize } from "./format";

describe("formatFileSize (nl-NL)", () => {
  it("bytes, kB and MB with a decimal comma", () => {
    expect(formatFileSize(1)).toBe("1 byte");
    expect(formatFileSize(512)).toBe("512 bytes");
    expect(formatFileSize(1024)).toBe("1 kB");
    expect(formatFileSize(12_637)).toBe("12,3 kB");
    expect(formatFileSize(5 * 1024 * 1024)).toBe("5 MB");
    expect(formatFileSize(1_572_864)).toBe("1,5 MB");
  });
});

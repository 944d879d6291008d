import { NextIntlClientProvider } from "next-intl";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import es from "@/messages/es.json";
import { ActionErrorAlert } from "./action-error-alert";

function render(locale: "en" | "es", retryAfterSeconds: number) {
  return renderToStaticMarkup(
    <NextIntlClientProvider locale={locale} timeZone="UTC" messages={locale === "en" ? en : es}>
      <ActionErrorAlert
        title="Not sent"
        error={{ code: "rate_limited", retryAfterSeconds }}
        onSignInAgain={() => undefined}
      />
    </NextIntlClientProvider>,
  );
}

describe("ActionErrorAlert for the per-person limit", () => {
  it("says when to try again, in the person's language, and not as Microsoft's Retry-After", () => {
    expect(render("en", 7.2)).toContain("Try again in 8 seconds.");
    expect(render("es", 1)).toContain("Vuelve a intentarlo dentro de 1 segundo.");
    expect(render("en", 7.2)).not.toContain("Microsoft asked");
  });
});

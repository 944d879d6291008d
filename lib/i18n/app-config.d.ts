import type messages from "../../messages/en.json";
import type { AppLocale } from "./locales";

// Type-checks message keys everywhere useTranslations/getTranslations is used.
declare module "next-intl" {
  interface AppConfig {
    Locale: AppLocale;
    Messages: typeof messages;
  }
}

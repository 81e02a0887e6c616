import { localeOf, type Locale } from "../storefront/i18n";

/**
 * What the public entries say when they refuse a request before any use case runs (a body too
 * large, not a form, not signed, not for this app), in the reader's language: English, French or
 * Arabic. The reader's language is the storefront's `locale` in the query (app proxy pages), else
 * the first language of Accept-Language (the UI extensions' fetches), else English.
 */
export const REFUSALS = {
  en: {
    tooLarge: "This request is larger than we accept; send less and try again.",
    notAForm: "Send this form from the page it belongs to.",
    unreadableForm: "The form could not be read; go back to the page and try again.",
    notJson: "Send the request as JSON.",
    notJsonObject: "Send the request as a JSON object.",
    notSigned: "This link is not signed by the shop; open it again from the shop's pages.",
    badShop: "This request does not name a shop we know.",
    notSignedIn: "Sign in again to continue.",
    notForApp: "This session is not for Aftercare.",
    notInstalled: "This shop does not use Aftercare.",
    adminSession: "Open Aftercare again from the order in Shopify admin.",
    chooseOrder: "Choose one of your orders.",
    useGet: "Use GET.",
    method: "This address does not take this kind of request.",
    tooManyPhotos: "You have sent many photos in a short time; wait a while and try again.",
    photoNotYours: "A photo does not belong to this request; add it again.",
    loginShop: "Enter your shop domain to log in",
    foreignUrl: "That address is not part of this app.",
    badLink: "This link is not complete; open it again from the shop's pages.",
  },
  fr: {
    tooLarge: "Cette demande dépasse la taille acceptée ; envoyez moins et réessayez.",
    notAForm: "Envoyez ce formulaire depuis la page à laquelle il appartient.",
    unreadableForm: "Le formulaire n’a pas pu être lu ; revenez à la page et réessayez.",
    notJson: "Envoyez la demande au format JSON.",
    notJsonObject: "Envoyez la demande sous forme d’objet JSON.",
    notSigned: "Ce lien n’est pas signé par la boutique ; rouvrez-le depuis les pages de la boutique.",
    badShop: "Cette demande ne désigne aucune boutique connue.",
    notSignedIn: "Reconnectez-vous pour continuer.",
    notForApp: "Cette session n’est pas destinée à Aftercare.",
    notInstalled: "Cette boutique n’utilise pas Aftercare.",
    adminSession: "Rouvrez Aftercare depuis la commande dans l’administration Shopify.",
    chooseOrder: "Choisissez l’une de vos commandes.",
    useGet: "Utilisez GET.",
    method: "Cette adresse n’accepte pas ce type de demande.",
    tooManyPhotos: "Vous avez envoyé beaucoup de photos en peu de temps ; patientez un moment puis réessayez.",
    photoNotYours: "Une photo n’appartient pas à cette demande ; ajoutez-la de nouveau.",
    loginShop: "Saisissez le domaine de votre boutique pour vous connecter",
    foreignUrl: "Cette adresse ne fait pas partie de cette application.",
    badLink: "Ce lien est incomplet ; rouvrez-le depuis les pages de la boutique.",
  },
  ar: {
    tooLarge: "هذا الطلب أكبر مما نقبله؛ أرسل أقل وحاول مرة أخرى.",
    notAForm: "أرسل هذا النموذج من الصفحة التي ينتمي إليها.",
    unreadableForm: "تعذّرت قراءة النموذج؛ ارجع إلى الصفحة وحاول مرة أخرى.",
    notJson: "أرسل الطلب بصيغة JSON.",
    notJsonObject: "أرسل الطلب ككائن JSON.",
    notSigned: "هذا الرابط غير موقّع من المتجر؛ افتحه مرة أخرى من صفحات المتجر.",
    badShop: "هذا الطلب لا يذكر متجراً نعرفه.",
    notSignedIn: "سجّل الدخول مرة أخرى للمتابعة.",
    notForApp: "هذه الجلسة ليست لتطبيق Aftercare.",
    notInstalled: "هذا المتجر لا يستخدم Aftercare.",
    adminSession: "افتح Aftercare مرة أخرى من الطلب في إدارة Shopify.",
    chooseOrder: "اختر أحد طلباتك.",
    useGet: "استخدم GET.",
    method: "هذا العنوان لا يقبل هذا النوع من الطلبات.",
    tooManyPhotos: "أرسلت صوراً كثيرة في وقت قصير؛ انتظر قليلاً ثم حاول مرة أخرى.",
    photoNotYours: "صورة لا تنتمي إلى هذا الطلب؛ أضفها مرة أخرى.",
    loginShop: "أدخل نطاق متجرك لتسجيل الدخول",
    foreignUrl: "هذا العنوان ليس جزءاً من هذا التطبيق.",
    badLink: "هذا الرابط غير مكتمل؛ افتحه مرة أخرى من صفحات المتجر.",
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type RefusalKey = keyof (typeof REFUSALS)["en"];

/** The reader's language for a request: `?locale=` first, then Accept-Language, else English. */
export function readerLocale(url: string | URL, acceptLanguage: string | null | undefined): Locale {
  let given: string | null = null;
  try {
    given = new URL(url, "http://localhost").searchParams.get("locale");
  } catch {
    given = null;
  }
  if (given) return localeOf(given);
  const first = (acceptLanguage ?? "").split(",")[0]?.split(";")[0]?.trim();
  return localeOf(first);
}

export function refusalText(locale: Locale, key: RefusalKey): string {
  return REFUSALS[locale][key];
}

/** A request's refusal sentence in its reader's language. */
export function refusalFor(request: Request, key: RefusalKey): string {
  return refusalText(readerLocale(request.url, request.headers.get("accept-language")), key);
}

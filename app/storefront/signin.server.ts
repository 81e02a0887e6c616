import { logger } from "../platform/logger.server";
import { shopperFacing } from "../requests/flow/shared.server";
import type { Admin } from "../shopify/client.server";
import { fetchCustomerAccounts, type CustomerAccounts } from "../shopify/shop.server";
import type { Locale } from "./i18n";
import { errorSummary, esc, hidden, shell, type PageContext } from "./pages.server";

/**
 * Signing in from the storefront (docs/decisions/021-signin.md): where a shopper who is not
 * signed in is sent (Shopify's customer-account pages, which sign them in and come back to the
 * same order; on classic accounts the theme's login with its return_url), and the guest's
 * one-time code page. Its own words in the three languages, beside the portal's.
 */
type Key =
  | "signInTitle"
  | "signInIntro"
  | "signInLink"
  | "codeTitle"
  | "codeIntro"
  | "codeLabel"
  | "codeHint"
  | "codeSubmit"
  | "codeWrong"
  | "codeMalformed"
  | "codeGone"
  | "newCode"
  | "emailNeeded"
  | "lookupOff";

const WORDS: Record<Locale, Record<Key, string>> = {
  en: {
    signInTitle: "Sign in to see your orders",
    signInIntro: "Your orders, and any request about them, are in your account.",
    signInLink: "Sign in",
    codeTitle: "Enter the code we sent",
    codeIntro: "We sent a six-digit code to {email}. It works once, for {minutes} minutes.",
    codeLabel: "Code",
    codeHint: "Six digits, from the email.",
    codeSubmit: "Open the order",
    codeWrong: "That code is not right. Check the email and try again.",
    codeMalformed: "Enter the six digits from the email.",
    codeGone: "This code has expired or has already been used. Ask for a new one.",
    newCode: "Ask for a new code",
    emailNeeded: "Give the email address on the order: the code is sent there.",
    lookupOff: "This shop does not offer finding an order by its number. Sign in to see your orders.",
  },
  fr: {
    signInTitle: "Connectez-vous pour voir vos commandes",
    signInIntro: "Vos commandes, et vos demandes les concernant, sont dans votre compte.",
    signInLink: "Se connecter",
    codeTitle: "Saisissez le code envoyé",
    codeIntro: "Nous avons envoyé un code à six chiffres à {email}. Il ne sert qu’une fois, pendant {minutes} minutes.",
    codeLabel: "Code",
    codeHint: "Six chiffres, dans l’e-mail.",
    codeSubmit: "Ouvrir la commande",
    codeWrong: "Ce code n’est pas le bon. Vérifiez l’e-mail et réessayez.",
    codeMalformed: "Saisissez les six chiffres de l’e-mail.",
    codeGone: "Ce code a expiré ou a déjà servi. Demandez-en un nouveau.",
    newCode: "Demander un nouveau code",
    emailNeeded: "Indiquez l’adresse e-mail de la commande : le code y est envoyé.",
    lookupOff: "Cette boutique ne propose pas de retrouver une commande par son numéro. Connectez-vous pour voir vos commandes.",
  },
  ar: {
    signInTitle: "سجّل الدخول لرؤية طلبياتك",
    signInIntro: "طلبياتك وأي طلب بشأنها موجودة في حسابك.",
    signInLink: "تسجيل الدخول",
    codeTitle: "أدخل الرمز الذي أرسلناه",
    codeIntro: "أرسلنا رمزًا من ستة أرقام إلى {email}. يصلح مرة واحدة، لمدة {minutes} دقائق.",
    codeLabel: "الرمز",
    codeHint: "ستة أرقام، من الرسالة.",
    codeSubmit: "فتح الطلبية",
    codeWrong: "هذا الرمز غير صحيح. راجع الرسالة وحاول مجددًا.",
    codeMalformed: "أدخل الأرقام الستة من الرسالة.",
    codeGone: "انتهت صلاحية هذا الرمز أو استُخدم من قبل. اطلب رمزًا جديدًا.",
    newCode: "طلب رمز جديد",
    emailNeeded: "أدخل عنوان البريد المسجّل في الطلبية: يُرسل الرمز إليه.",
    lookupOff: "لا يتيح هذا المتجر البحث عن طلبية برقمها. سجّل الدخول لرؤية طلبياتك.",
  },
};

export function signInWord(locale: Locale, key: Key, values: Record<string, string | number> = {}): string {
  return WORDS[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/**
 * Where to sign in for an order (or for the list without one). New customer accounts: Shopify's
 * own order page under the shop's customer-accounts root, which asks a signed-out shopper to sign
 * in and then shows that page. Classic accounts: the theme's login, back to the portal's order.
 */
export function signInHref(accounts: CustomerAccounts, ctx: PageContext, orderLegacyId: string | null): string {
  const locale = ctx.carry.locale ? `?${new URLSearchParams({ locale: ctx.carry.locale })}` : "";
  if (accounts.version === "NEW_CUSTOMER_ACCOUNTS" && accounts.url) return `${accounts.url.replace(/\/$/, "")}/orders${orderLegacyId ? `/${orderLegacyId}` : ""}${locale}`;
  const back = `${ctx.base}${orderLegacyId ? `/orders/${orderLegacyId}` : ""}${locale}`;
  return `/account/login?${new URLSearchParams({ return_url: back })}`;
}

/**
 * The portal's invitation to sign in, for a shopper who is not: the theme's login URL, which
 * Shopify fills in (Liquid) for the shop's kind of customer accounts, so the page needs no call.
 */
export function renderSignIn(ctx: PageContext): string {
  const w = (key: Key) => esc(signInWord(ctx.locale, key));
  return `<section aria-labelledby="ac-signin"><h2 id="ac-signin">${w("signInTitle")}</h2><p>${w("signInIntro")}</p><p><a class="ac__button" href="{{ routes.account_login_url }}" data-aftercare-sign-in>${w("signInLink")}</a></p></section>`;
}

/** The step between the lookup and the order: the code mailed to the order's email. */
export function renderCodePage(ctx: PageContext, input: { challenge: string; email: string; error: Key | null; minutes: number }): string {
  const w = (key: Key, values: Record<string, string | number> = {}) => esc(signInWord(ctx.locale, key, values));
  const error = input.error ? signInWord(ctx.locale, input.error) : null;
  const described = ["ac-code-hint", error ? "ac-code-error" : ""].filter(Boolean).join(" ");
  return shell(
    ctx,
    `<h1>${w("codeTitle")}</h1>${error ? errorSummary(ctx, { code: error }, { code: "ac-code" }) : ""}<p>${w("codeIntro", { email: "\u2068" + input.email + "\u2069", minutes: input.minutes })}</p>
<form method="post" action="${esc(`${ctx.base}/lookup`)}" novalidate>${hidden(ctx)}<input type="hidden" name="challenge" value="${esc(input.challenge)}"><input type="hidden" name="contact" value="${esc(input.email)}">
<div class="ac__field"><label for="ac-code">${w("codeLabel")}</label><p class="ac__muted" id="ac-code-hint">${w("codeHint")}</p>${error ? `<p class="ac__error" id="ac-code-error">${esc(error)}</p>` : ""}<input id="ac-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="7" required dir="ltr" aria-describedby="${described}"${error ? ' aria-invalid="true"' : ""}></div>
<button class="ac__button" type="submit">${w("codeSubmit")}</button></form>
<p><a href="${esc(ctx.base + (ctx.carry.locale ? `?${new URLSearchParams({ locale: ctx.carry.locale })}` : ""))}">${w("newCode")}</a></p>`,
  );
}

/** How long a shop's customer-accounts answer is reused (a failure: a minute), per process. */
const KEEP_MS = 5 * 60_000;
const KEEP_FAILURE_MS = 60_000;
const known = new Map<string, { accounts: CustomerAccounts; until: number }>();

/**
 * The shop's customer accounts, as Shopify said within the last minutes, read within the shopper
 * pages' budget. Shopify out of reach: classic, whose login is the theme's own and needs nothing
 * from Shopify to be right on a classic shop.
 */
export async function customerAccountsOf(admin: Admin, shop: string, now: number = Date.now()): Promise<CustomerAccounts> {
  const kept = known.get(shop);
  if (kept && kept.until > now) return kept.accounts;
  try {
    const accounts = await fetchCustomerAccounts(shopperFacing(admin));
    known.set(shop, { accounts, until: now + KEEP_MS });
    return accounts;
  } catch (error) {
    logger.warn({ shop, error: (error as Error).message }, "could not read the shop's customer accounts");
    const accounts: CustomerAccounts = { version: "CLASSIC", url: null };
    known.set(shop, { accounts, until: now + KEEP_FAILURE_MS });
    return accounts;
  }
}

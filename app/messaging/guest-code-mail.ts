/**
 * The email that carries a guest's one-time code (docs/decisions/021-signin.md): its own small
 * template in English, French and Arabic, apart from the request steps' templates. The code is
 * the subject's last word and on a line of its own, so it is read at a glance and copied whole.
 */
export type GuestCodeLanguage = "en" | "fr" | "ar";

type Words = { subject: string; intro: string; expiry: string; notYou: string };

const WORDS: Record<GuestCodeLanguage, Words> = {
  en: {
    subject: "Your code for order {order}: {code}",
    intro: "Someone asked to see order {order} at {shop} with this email address. Enter this code on the page to open it:",
    expiry: "The code works once, for {minutes} minutes.",
    notYou: "If it was not you, ignore this email: nothing is shown without the code.",
  },
  fr: {
    subject: "Votre code pour la commande {order} : {code}",
    intro: "Quelqu’un a demandé à voir la commande {order} chez {shop} avec cette adresse e-mail. Saisissez ce code sur la page pour l’ouvrir :",
    expiry: "Le code ne sert qu’une fois, pendant {minutes} minutes.",
    notYou: "Si ce n’était pas vous, ignorez cet e-mail : rien n’est montré sans le code.",
  },
  ar: {
    subject: "رمزك للطلبية {order}: {code}",
    intro: "طلب أحدهم عرض الطلبية {order} لدى {shop} بعنوان البريد هذا. أدخل هذا الرمز في الصفحة لفتحها:",
    expiry: "يصلح الرمز مرة واحدة، لمدة {minutes} دقائق.",
    notYou: "إن لم تكن أنت، فتجاهل هذه الرسالة: لا يُعرض شيء دون الرمز.",
  },
};

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

function esc(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function guestCodeMail(language: GuestCodeLanguage, input: { shop: string; order: string; code: string; minutes: number }): { subject: string; text: string; html: string; language: string } {
  const w = WORDS[language];
  const values = { shop: input.shop, order: input.order, code: input.code, minutes: String(input.minutes) };
  const paragraphs = [fill(w.intro, values), input.code, fill(w.expiry, values), fill(w.notYou, values)];
  const dir = language === "ar" ? "rtl" : "ltr";
  const html = `<!doctype html><html lang="${language}" dir="${dir}"><head><meta charset="utf-8"><title>${esc(fill(w.subject, values))}</title></head><body style="font-family:Georgia,serif;color:#1c1917;line-height:1.55">${paragraphs
    .map((p) => (p === input.code ? `<p style="font-size:28px;letter-spacing:6px;font-weight:bold" dir="ltr">${esc(p)}</p>` : `<p>${esc(p)}</p>`))
    .join("")}</body></html>`;
  return { subject: fill(w.subject, values), text: paragraphs.join("\n\n"), html, language };
}

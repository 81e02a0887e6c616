import mjml2html from "mjml";

import type { NotifyStep } from "../domain/notify-steps";
import { REPAIR_TEMPLATES, type RepairStep } from "./repair-templates";

/**
 * The emails' words and layout (issue 27, templates). Each step has a subject and a body per
 * language: text with {placeholders}, paragraphs split by blank lines. A paragraph naming a
 * placeholder that has no value for this email (no merchant's words, no expiry) is left out, so
 * one template serves "declined, with the merchant's reason" and "declined". The layout is MJML
 * (html for every mail client) with the same paragraphs as the text part; Arabic is right to left
 * (`dir="rtl"`, `lang`). A shop's own wording (MessageTemplate) replaces a default subject and body.
 */
export const MAIL_LANGUAGES = ["en", "fr", "ar"] as const;
export type MailLanguage = (typeof MAIL_LANGUAGES)[number];

export type Template = { subject: string; body: string };

/** The placeholders a template may name. */
export const PLACEHOLDERS = ["shop", "name", "number", "order", "items", "exchange", "words", "amount", "method", "expiry", "date", "job", "due", "outcome", "cause", "quote", "total", "pay"] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type TemplateValues = Partial<Record<Placeholder, string | null>>;

const REQUEST_TEMPLATES: Record<Exclude<NotifyStep, RepairStep>, Record<MailLanguage, Template>> = {
  received: {
    en: {
      subject: "We have your request {number}",
      body: "Hello {name},\n\nThank you: {shop} has received your request {number} about order {order} ({items}).\n\nWe will look at it and write to you at each step. You can follow it at any time with the link below.",
    },
    fr: {
      subject: "Nous avons bien reçu votre demande {number}",
      body: "Bonjour {name},\n\nMerci : {shop} a bien reçu votre demande {number} concernant la commande {order} ({items}).\n\nNous allons l’étudier et nous vous écrirons à chaque étape. Vous pouvez la suivre à tout moment grâce au lien ci-dessous.",
    },
    ar: {
      subject: "تلقّينا طلبك {number}",
      body: "مرحبًا {name}،\n\nشكرًا لك: تلقّى {shop} طلبك {number} بخصوص الطلبية {order} ({items}).\n\nسندرسه ونراسلك عند كل خطوة. يمكنك متابعته في أي وقت عبر الرابط أدناه.",
    },
  },
  approved: {
    en: {
      subject: "Your request {number} is approved",
      body: "Hello {name},\n\n{shop} has approved your request {number} about order {order}.\n\n{words}\n\nWhat happens next, with any instructions for sending your items, is on your request’s page.",
    },
    fr: {
      subject: "Votre demande {number} est acceptée",
      body: "Bonjour {name},\n\n{shop} a accepté votre demande {number} concernant la commande {order}.\n\n{words}\n\nLa suite, avec les instructions éventuelles pour nous envoyer vos articles, se trouve sur la page de votre demande.",
    },
    ar: {
      subject: "تمت الموافقة على طلبك {number}",
      body: "مرحبًا {name}،\n\nوافق {shop} على طلبك {number} بخصوص الطلبية {order}.\n\n{words}\n\nتجد الخطوات التالية، مع تعليمات إرسال منتجاتك إن وُجدت، في صفحة طلبك.",
    },
  },
  declined: {
    en: {
      subject: "About your request {number}",
      body: "Hello {name},\n\nWe are sorry: {shop} cannot accept your request {number} about order {order}.\n\nIn their words: “{words}”\n\nIf you have a question, simply reply to this email.",
    },
    fr: {
      subject: "Au sujet de votre demande {number}",
      body: "Bonjour {name},\n\nNous sommes désolés : {shop} ne peut pas donner suite à votre demande {number} concernant la commande {order}.\n\nLeur réponse : « {words} »\n\nPour toute question, répondez simplement à cet e-mail.",
    },
    ar: {
      subject: "بخصوص طلبك {number}",
      body: "مرحبًا {name}،\n\nنأسف: لا يستطيع {shop} قبول طلبك {number} بخصوص الطلبية {order}.\n\nردّهم: «{words}»\n\nإن كان لديك أي سؤال، يكفي الرد على هذه الرسالة.",
    },
  },
  item_received: {
    en: {
      subject: "We have received your items ({number})",
      body: "Hello {name},\n\n{shop} received your items for request {number} on {date}: {items}.\n\nThey are being checked; we will write to you again as soon as it is settled.",
    },
    fr: {
      subject: "Nous avons reçu vos articles ({number})",
      body: "Bonjour {name},\n\n{shop} a reçu le {date} vos articles pour la demande {number} : {items}.\n\nIls sont en cours de vérification ; nous vous écrirons dès que tout sera réglé.",
    },
    ar: {
      subject: "استلمنا منتجاتك ({number})",
      body: "مرحبًا {name}،\n\nاستلم {shop} بتاريخ {date} منتجاتك الخاصة بالطلب {number}: {items}.\n\nيجري الآن فحصها، وسنراسلك فور الانتهاء.",
    },
  },
  refunded: {
    en: {
      subject: "Your refund of {amount} is on its way",
      body: "Hello {name},\n\n{shop} has refunded {amount} for request {number} (order {order}).\n\nMethod: {method}.\n\nDepending on your bank, it can take a few days to show on your statement.",
    },
    fr: {
      subject: "Votre remboursement de {amount} est en route",
      body: "Bonjour {name},\n\n{shop} vous a remboursé {amount} pour la demande {number} (commande {order}).\n\nMode : {method}.\n\nSelon votre banque, quelques jours peuvent être nécessaires avant qu’il apparaisse sur votre relevé.",
    },
    ar: {
      subject: "استرداد مبلغ {amount} في طريقه إليك",
      body: "مرحبًا {name}،\n\nأعاد {shop} إليك مبلغ {amount} عن الطلب {number} (الطلبية {order}).\n\nالطريقة: {method}.\n\nقد يستغرق ظهوره في كشف حسابك بضعة أيام حسب مصرفك.",
    },
  },
  credited: {
    en: {
      subject: "You have {amount} in store credit",
      body: "Hello {name},\n\n{shop} has added {amount} to your account for request {number} (order {order}).\n\nMethod: {method}.\n\nIt expires on {expiry}.\n\nIt is used at checkout when you are signed in with this email address.",
    },
    fr: {
      subject: "{amount} d’avoir vous attendent",
      body: "Bonjour {name},\n\n{shop} a crédité votre compte de {amount} pour la demande {number} (commande {order}).\n\nMode : {method}.\n\nIl expire le {expiry}.\n\nIl s’utilise au moment du paiement, en étant connecté avec cette adresse e-mail.",
    },
    ar: {
      subject: "رصيد متجر بقيمة {amount} في حسابك",
      body: "مرحبًا {name}،\n\nأضاف {shop} مبلغ {amount} إلى حسابك عن الطلب {number} (الطلبية {order}).\n\nالطريقة: {method}.\n\nينتهي هذا الرصيد في {expiry}.\n\nيُستخدم عند الدفع عندما تكون مسجّلًا الدخول بعنوان البريد الإلكتروني هذا.",
    },
  },
  cancelled: {
    en: {
      subject: "Your request {number} is cancelled",
      body: "Hello {name},\n\n{shop} has cancelled your request {number} about order {order} ({items}) on {date}.\n\nNothing more is needed from you: if you have not sent the items, keep them. If you did not expect this, simply reply to this email.",
    },
    fr: {
      subject: "Votre demande {number} est annulée",
      body: "Bonjour {name},\n\n{shop} a annulé le {date} votre demande {number} concernant la commande {order} ({items}).\n\nVous n’avez plus rien à faire : si vous n’avez pas envoyé les articles, gardez-les. Si vous ne vous y attendiez pas, répondez simplement à cet e-mail.",
    },
    ar: {
      subject: "أُلغي طلبك {number}",
      body: "مرحبًا {name}،\n\nألغى {shop} بتاريخ {date} طلبك {number} بخصوص الطلبية {order} ({items}).\n\nلا شيء مطلوب منك بعد الآن: إن لم ترسل المنتجات فاحتفظ بها. وإن لم تكن تتوقع ذلك، يكفي الرد على هذه الرسالة.",
    },
  },
  exchanged: {
    en: {
      subject: "Your exchange is on its way ({number})",
      body: "Hello {name},\n\n{shop} has processed the exchange for request {number} (order {order}) on {date}.\n\nWe are sending you: {exchange}.\n\nThe difference, {amount}: {method}.\n\nYou will receive the tracking details as soon as the parcel leaves us.",
    },
    fr: {
      subject: "Votre échange est en route ({number})",
      body: "Bonjour {name},\n\n{shop} a traité le {date} l’échange de la demande {number} (commande {order}).\n\nNous vous envoyons : {exchange}.\n\nLa différence, {amount} : {method}.\n\nVous recevrez le suivi du colis dès son départ.",
    },
    ar: {
      subject: "الاستبدال في طريقه إليك ({number})",
      body: "مرحبًا {name}،\n\nأتمّ {shop} بتاريخ {date} الاستبدال الخاص بالطلب {number} (الطلبية {order}).\n\nنرسل إليك: {exchange}.\n\nالفرق، {amount}: {method}.\n\nستصلك تفاصيل تتبّع الطرد فور شحنه.",
    },
  },
};

/** Every step's default wording: the request's above, the repair ticket's (./repair-templates.ts). */
export const DEFAULT_TEMPLATES: Record<NotifyStep, Record<MailLanguage, Template>> = { ...REQUEST_TEMPLATES, ...REPAIR_TEMPLATES };

/** The layout's own words. */
export const LAYOUT_WORDS: Record<MailLanguage, { button: string; footer: string; refund: string; storeCredit: string; invoice: string }> = {
  en: {
    button: "Follow your request",
    footer: "You receive this email about your request with {shop}. Reply to it to write to {shop}.",
    refund: "refund to your original payment method",
    storeCredit: "store credit",
    invoice: "to pay with the invoice emailed to you",
  },
  fr: {
    button: "Suivre votre demande",
    footer: "Vous recevez cet e-mail au sujet de votre demande auprès de {shop}. Répondez-y pour écrire à {shop}.",
    refund: "remboursement sur votre moyen de paiement d’origine",
    storeCredit: "avoir en boutique",
    invoice: "à régler avec la facture qui vous est envoyée par e-mail",
  },
  ar: {
    button: "متابعة طلبك",
    footer: "تصلك هذه الرسالة بخصوص طلبك لدى {shop}. ردّ عليها للتواصل مع {shop}.",
    refund: "استرداد إلى وسيلة الدفع الأصلية",
    storeCredit: "رصيد متجر",
    invoice: "يُدفع عبر الفاتورة المرسلة إليك بالبريد الإلكتروني",
  },
};

/** The language an email is written in: the shopper's when we write it, English otherwise. */
export function mailLanguageOf(locale: string | null | undefined): MailLanguage {
  const base = (locale ?? "").toLowerCase().split(/[-_]/)[0];
  return (MAIL_LANGUAGES as readonly string[]).includes(base) ? (base as MailLanguage) : "en";
}

export const directionOf = (language: MailLanguage): "rtl" | "ltr" => (language === "ar" ? "rtl" : "ltr");

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);

/** Fills a text's placeholders; null when one it names has no value (the paragraph is left out). */
function fill(text: string, values: TemplateValues): string | null {
  let missing = false;
  const filled = text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = (values as Record<string, string | null | undefined>)[name];
    if (value === undefined || value === null || value === "") {
      missing = true;
      return whole;
    }
    return value;
  });
  return missing ? null : filled;
}

/** The subject, the paragraphs and the layout's words of one email. */
export function composeEmail(template: Template, language: MailLanguage, values: TemplateValues): { subject: string; paragraphs: string[]; button: string; footer: string } {
  const paragraphs = template.body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => fill(p, values))
    .filter((p): p is string => p !== null);
  // A subject must always be there: an unfilled placeholder becomes empty rather than dropping it.
  const subject = template.subject.replace(/\{(\w+)\}/g, (_, name: string) => (values as Record<string, string | null | undefined>)[name] ?? "").replace(/\s+/g, " ").trim();
  const words = LAYOUT_WORDS[language];
  return { subject, paragraphs, button: words.button, footer: fill(words.footer, values) ?? "" };
}

export type RenderedEmail = { subject: string; html: string; text: string; language: MailLanguage; dir: "rtl" | "ltr" };

/**
 * The email as sent: MJML into HTML (validated strictly: a template that does not compile is an
 * error, not a broken email) and a text part with the same words and the link written out.
 */
export async function renderEmail(template: Template, language: MailLanguage, values: TemplateValues, statusUrl: string | null): Promise<RenderedEmail> {
  const { subject, paragraphs, button, footer } = composeEmail(template, language, values);
  const dir = directionOf(language);
  const align = dir === "rtl" ? "right" : "left";
  const shop = escapeHtml(values.shop ?? "");
  const body = paragraphs.map((p) => `<mj-text>${escapeHtml(p).replace(/\n/g, "<br />")}</mj-text>`).join("\n");
  const source = `<mjml lang="${language}" dir="${dir}">
  <mj-head>
    <mj-title>${escapeHtml(subject)}</mj-title>
    <mj-preview>${escapeHtml(paragraphs[1] ?? paragraphs[0] ?? "")}</mj-preview>
    <mj-attributes>
      <mj-all font-family="-apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Arabic', Arial, sans-serif" />
      <mj-text font-size="16px" line-height="1.5" color="#202223" align="${align}" />
      <mj-button background-color="#202223" color="#ffffff" font-size="16px" border-radius="6px" align="${align}" />
      <mj-section direction="${dir}" />
      <mj-column direction="${dir}" />
    </mj-attributes>
  </mj-head>
  <mj-body background-color="#f6f6f7">
    <mj-section padding="24px 0 8px"><mj-column><mj-text font-size="20px" font-weight="600">${shop}</mj-text></mj-column></mj-section>
    <mj-section background-color="#ffffff" border-radius="8px" padding="16px 8px">
      <mj-column>
${body}
${statusUrl ? `        <mj-button href="${escapeHtml(statusUrl)}">${escapeHtml(button)}</mj-button>` : ""}
      </mj-column>
    </mj-section>
    <mj-section><mj-column><mj-text font-size="13px" color="#6d7175">${escapeHtml(footer)}</mj-text></mj-column></mj-section>
  </mj-body>
</mjml>`;
  // No web fonts: MJML imports Google Fonts for a family it knows (Roboto, named among the system
  // fonts above), which would load a third party's CSS each time the shopper opens the mail.
  const result = await mjml2html(source, { validationLevel: "strict", minify: false, fonts: {} });
  const text = [...paragraphs, ...(statusUrl ? [`${button}: ${statusUrl}`] : []), "--", footer].join("\n\n");
  return { subject, html: result.html, text: `${text}\n`, language, dir };
}

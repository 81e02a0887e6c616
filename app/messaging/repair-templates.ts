import type { NotifyStep } from "../domain/notify-steps";
import type { RepairOutcome } from "../repairs/shopper-view";

/**
 * The repair ticket's emails (issue 25 "the shopper hears the assessment", issue 27): default
 * subject and body per step and language, with the same {placeholders} as the request's emails
 * plus the ticket's (job, due, outcome, cause, quote, total, pay). A paragraph naming a
 * placeholder without a value is left out (no promised date, no cause, no invoice yet). The words
 * come from the ticket as the shopper may see it (app/repairs/shopper-view.ts), never from the
 * bench's internal notes.
 */
export type RepairStep = Extract<NotifyStep, `repair_${string}`>;
type Template = { subject: string; body: string };
type Languages<T> = { en: T; fr: T; ar: T };

export const REPAIR_TEMPLATES: Record<RepairStep, Languages<Template>> = {
  repair_received: {
    en: {
      subject: "Your piece is in our workshop: job {job}",
      body: "Hello {name},\n\n{shop} has taken in your piece for request {number} (order {order}): {items}.\n\nIts job number is {job}; please quote it if you write to us.\n\nWe promise it for {due}.\n\nWe will write to you once our workshop has assessed it.",
    },
    fr: {
      subject: "Votre bijou est dans notre atelier : dossier {job}",
      body: "Bonjour {name},\n\n{shop} a pris en charge votre bijou pour la demande {number} (commande {order}) : {items}.\n\nSon numéro de dossier est {job} ; merci de le rappeler si vous nous écrivez.\n\nNous nous engageons à le terminer pour le {due}.\n\nNous vous écrirons dès que notre atelier l’aura examiné.",
    },
    ar: {
      subject: "قطعتك في ورشتنا: رقم الملف {job}",
      body: "مرحبًا {name}،\n\nاستلم {shop} قطعتك الخاصة بالطلب {number} (الطلبية {order}): {items}.\n\nرقم ملفها {job}؛ يُرجى ذكره إذا راسلتنا.\n\nنتعهّد بإنجازها بحلول {due}.\n\nسنراسلك فور انتهاء ورشتنا من فحصها.",
    },
  },
  repair_assessed: {
    en: {
      subject: "We have assessed your piece ({job})",
      body: "Hello {name},\n\nOur workshop has assessed your piece ({job}).\n\n{outcome}\n\nCause found: {cause}.\n\nAs our policy says: “{words}”\n\nWhat happens next is on your request’s page.",
    },
    fr: {
      subject: "Nous avons examiné votre bijou ({job})",
      body: "Bonjour {name},\n\nNotre atelier a examiné votre bijou ({job}).\n\n{outcome}\n\nCause constatée : {cause}.\n\nComme le dit notre politique : « {words} »\n\nLa suite se trouve sur la page de votre demande.",
    },
    ar: {
      subject: "فحصنا قطعتك ({job})",
      body: "مرحبًا {name}،\n\nفحصت ورشتنا قطعتك ({job}).\n\n{outcome}\n\nالسبب الذي وجدناه: {cause}.\n\nكما تنص سياستنا: «{words}»\n\nتجد الخطوات التالية في صفحة طلبك.",
    },
  },
  repair_quoted: {
    en: {
      subject: "Your quote for {job}: {total}",
      body: "Hello {name},\n\nHere is our quote for the work on your piece ({job}):\n\n{quote}\n\nTotal: {total}.\n\nTo go ahead, pay it here: {pay}\n\nThe work starts once it is paid. The quote and its pay button are also on your request’s page.",
    },
    fr: {
      subject: "Votre devis pour {job} : {total}",
      body: "Bonjour {name},\n\nVoici notre devis pour le travail sur votre bijou ({job}) :\n\n{quote}\n\nTotal : {total}.\n\nPour donner votre accord, réglez-le ici : {pay}\n\nLe travail commence dès le paiement reçu. Le devis et son bouton de paiement se trouvent aussi sur la page de votre demande.",
    },
    ar: {
      subject: "عرض السعر للملف {job}: {total}",
      body: "مرحبًا {name}،\n\nإليك عرض السعر للعمل على قطعتك ({job}):\n\n{quote}\n\nالإجمالي: {total}.\n\nللمتابعة، ادفعه من هنا: {pay}\n\nيبدأ العمل فور الدفع. تجد عرض السعر وزر الدفع أيضًا في صفحة طلبك.",
    },
  },
  repair_paid: {
    en: {
      subject: "Thank you: your quote for {job} is paid",
      body: "Hello {name},\n\n{shop} has received your payment of {total} for job {job}.\n\nOur workshop is starting the work; we will write to you when your piece is ready.",
    },
    fr: {
      subject: "Merci : votre devis pour {job} est réglé",
      body: "Bonjour {name},\n\n{shop} a bien reçu votre paiement de {total} pour le dossier {job}.\n\nNotre atelier commence le travail ; nous vous écrirons quand votre bijou sera prêt.",
    },
    ar: {
      subject: "شكرًا لك: تم دفع عرض السعر للملف {job}",
      body: "مرحبًا {name}،\n\nاستلم {shop} دفعتك بقيمة {total} للملف {job}.\n\nتبدأ ورشتنا العمل الآن، وسنراسلك عندما تصبح قطعتك جاهزة.",
    },
  },
  repair_ready: {
    en: {
      subject: "Your piece is ready ({job})",
      body: "Hello {name},\n\nThe work on your piece ({job}) is finished.\n\nIt is ready for collection at {shop}. If it is to be posted back to you, we will write again as soon as it leaves us.",
    },
    fr: {
      subject: "Votre bijou est prêt ({job})",
      body: "Bonjour {name},\n\nLe travail sur votre bijou ({job}) est terminé.\n\nIl vous attend chez {shop}. S’il doit vous être renvoyé par la poste, nous vous écrirons dès son départ.",
    },
    ar: {
      subject: "قطعتك جاهزة ({job})",
      body: "مرحبًا {name}،\n\nانتهى العمل على قطعتك ({job}).\n\nهي جاهزة للاستلام لدى {shop}. وإن كانت ستُرسل إليك بالبريد، فسنراسلك فور شحنها.",
    },
  },
  repair_sent_back: {
    en: {
      subject: "Your piece is on its way back ({job})",
      body: "Hello {name},\n\n{shop} sent your piece ({job}) back to you on {date}.\n\nIf anything is not as it should be when it arrives, simply reply to this email.",
    },
    fr: {
      subject: "Votre bijou est en route ({job})",
      body: "Bonjour {name},\n\n{shop} vous a renvoyé votre bijou ({job}) le {date}.\n\nSi quelque chose ne va pas à son arrivée, répondez simplement à cet e-mail.",
    },
    ar: {
      subject: "قطعتك في طريق عودتها إليك ({job})",
      body: "مرحبًا {name}،\n\nأرسل {shop} قطعتك ({job}) إليك بتاريخ {date}.\n\nإن لم يكن كل شيء على ما يرام عند وصولها، يكفي الرد على هذه الرسالة.",
    },
  },
  repair_collected: {
    en: {
      subject: "Thank you for collecting your piece ({job})",
      body: "Hello {name},\n\nYou collected your piece ({job}) from {shop} on {date}. Thank you for trusting us with it.\n\nIf anything is not as it should be, simply reply to this email.",
    },
    fr: {
      subject: "Merci d’avoir récupéré votre bijou ({job})",
      body: "Bonjour {name},\n\nVous avez récupéré votre bijou ({job}) chez {shop} le {date}. Merci de votre confiance.\n\nSi quelque chose ne va pas, répondez simplement à cet e-mail.",
    },
    ar: {
      subject: "شكرًا لاستلامك قطعتك ({job})",
      body: "مرحبًا {name}،\n\nاستلمت قطعتك ({job}) من {shop} بتاريخ {date}. شكرًا لثقتك بنا.\n\nإن لم يكن كل شيء على ما يرام، يكفي الرد على هذه الرسالة.",
    },
  },
};

/** The assessment's outcome in a sentence, per language. */
export const OUTCOME_WORDS: Languages<Record<RepairOutcome, string>> = {
  en: {
    covered: "Good news: the warranty covers it, and the repair costs you nothing.",
    not_covered: "The warranty does not cover it; we will send you a quote for the work.",
    quote: "The work needs a quote; we will send it to you.",
    work: "The work goes ahead as agreed.",
  },
  fr: {
    covered: "Bonne nouvelle : la garantie le couvre, la réparation ne vous coûte rien.",
    not_covered: "La garantie ne le couvre pas ; nous vous enverrons un devis pour le travail.",
    quote: "Le travail nécessite un devis ; nous vous l’enverrons.",
    work: "Le travail se poursuit comme convenu.",
  },
  ar: {
    covered: "خبر سار: يشملها الضمان، ولن يكلّفك الإصلاح شيئًا.",
    not_covered: "لا يشملها الضمان؛ سنرسل إليك عرض سعر للعمل.",
    quote: "يحتاج العمل إلى عرض سعر؛ سنرسله إليك.",
    work: "يستمر العمل كما اتُّفق عليه.",
  },
};

/** What the editor shows beside each repair step. */
export const REPAIR_STEP_LABELS: Record<RepairStep, { label: string; when: string }> = {
  repair_received: { label: "Repair: piece taken in", when: "The bench took the piece in (intake): its job number and promised date go in {job} and {due}." },
  repair_assessed: { label: "Repair: assessed", when: "The bench assessed the piece: the outcome and cause in your policy's words ({outcome}, {cause}, {words}); your findings stay internal." },
  repair_quoted: { label: "Repair: quote", when: "The bench quoted the work: its lines, total and pay link ({quote}, {total}, {pay})." },
  repair_paid: { label: "Repair: quote paid", when: "Shopify shows the quote's draft order paid, or the bench marked it accepted." },
  repair_ready: { label: "Repair: ready", when: "The bench marked the work ready." },
  repair_sent_back: { label: "Repair: sent back", when: "The bench sent the piece back to the shopper." },
  repair_collected: { label: "Repair: collected", when: "The shopper collected the piece." },
};

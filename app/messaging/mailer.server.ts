import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";

/**
 * Sending: SMTP through nodemailer, configured by the environment (SMTP_URL, MAIL_FROM, DKIM where
 * given). The shop's name is the From display name and replies go to the shop's contact email.
 * What matters for never sending twice (docs/decisions/016) is telling apart an email the relay
 * refused or never saw (safe to send again) from one whose outcome was lost on the wire.
 */
export type OutgoingMail = {
  /** The Message-ID the email carries, recorded before the send ("<…@…>"). */
  messageId: string;
  fromName: string;
  to: string;
  replyTo: string | null;
  subject: string;
  html: string;
  text: string;
  /** BCP 47 language of the content (Content-Language). */
  language: string;
  headers?: Record<string, string>;
};

export type Mailer = {
  send(mail: OutgoingMail): Promise<{ response: string }>;
  close(): void;
};

export type MailConfig = {
  url: string;
  from: string;
  dkim?: { domainName: string; keySelector: string; privateKey: string } | null;
  /** Each SMTP step's timeout, in milliseconds (nodemailer's defaults are minutes). */
  timeoutMs?: number;
};

/** The relay said no, or was never reached: nothing was accepted, so the email may be sent again. */
export class MailNotAccepted extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MailNotAccepted";
  }
}

/** The connection failed after the message was handed over: the relay may or may not have it. */
export class MailOutcomeUnknown extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MailOutcomeUnknown";
  }
}

type SmtpError = Error & { code?: string; command?: string; responseCode?: number; response?: string };

/**
 * What a nodemailer failure means. Any SMTP reply (4xx, 5xx) is a refusal: SMTP accepts a message
 * only with a 2xx reply to its end of data. A failure before the data was sent (connecting, TLS,
 * authentication, the envelope) is a refusal too. Only a connection lost or timed out after the
 * message went out (the DATA stage, without a reply) leaves the outcome unknown.
 */
export function classifySendError(error: unknown): MailNotAccepted | MailOutcomeUnknown {
  const e = error as SmtpError;
  const text = `${e.code ?? "error"}${e.command ? ` at ${e.command}` : ""}: ${e.response ?? e.message}`;
  if (typeof e.responseCode === "number" && e.responseCode >= 400) return new MailNotAccepted(text);
  const beforeData = !e.command || e.command === "CONN" || /^(EHLO|HELO|LHLO|STARTTLS|AUTH|MAIL|RCPT)/i.test(e.command);
  if (beforeData || ["ECONNECTION", "EDNS", "ETLS", "EAUTH", "EENVELOPE", "ECONNREFUSED"].includes(e.code ?? "")) return new MailNotAccepted(text);
  return new MailOutcomeUnknown(text);
}

export function createMailer(config: MailConfig): Mailer {
  const timeout = config.timeoutMs ?? 30_000;
  const options: SMTPTransport.Options = {
    url: config.url,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    ...(config.dkim ? { dkim: config.dkim } : {}),
  } as SMTPTransport.Options;
  const transport = nodemailer.createTransport(options);
  return {
    async send(mail) {
      try {
        const info = await transport.sendMail({
          messageId: mail.messageId,
          from: { name: mail.fromName, address: config.from },
          to: mail.to,
          ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
          subject: mail.subject,
          html: mail.html,
          text: mail.text,
          headers: { "Content-Language": mail.language, "Auto-Submitted": "auto-generated", ...mail.headers },
        });
        return { response: info.response };
      } catch (error) {
        throw classifySendError(error);
      }
    },
    close: () => transport.close(),
  };
}

/** The mailer the environment configures, or null (no SMTP_URL: Aftercare sends no email). */
export function mailerFromEnv(env: { SMTP_URL?: string; MAIL_FROM: string; MAIL_DKIM_DOMAIN?: string; MAIL_DKIM_SELECTOR?: string; MAIL_DKIM_PRIVATE_KEY?: string }): Mailer | null {
  if (!env.SMTP_URL) return null;
  const dkim =
    env.MAIL_DKIM_DOMAIN && env.MAIL_DKIM_SELECTOR && env.MAIL_DKIM_PRIVATE_KEY
      ? { domainName: env.MAIL_DKIM_DOMAIN, keySelector: env.MAIL_DKIM_SELECTOR, privateKey: env.MAIL_DKIM_PRIVATE_KEY.replace(/\\n/g, "\n") }
      : null;
  return createMailer({ url: env.SMTP_URL, from: env.MAIL_FROM, dkim });
}

import { generateKeyPairSync } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { parseEnv } from "../../app/platform/env.server";
import { classifySendError, createMailer, MailNotAccepted, MailOutcomeUnknown, mailerFromEnv, type OutgoingMail } from "../../app/messaging/mailer.server";
import { startMailSink, type MailSink } from "../standin/mail-sink";

/**
 * Sending (issue 27, slice 1): nodemailer over SMTP to the local sink (smtp-server + mailparser),
 * with the shop's name as the sender's name, replies to the shop, DKIM where configured, and a
 * refusal told apart from an outcome lost on the wire.
 */
const mail = (over: Partial<OutgoingMail> = {}): OutgoingMail => ({
  messageId: `<notify.${Math.random().toString(36).slice(2)}@aftercare.test>`,
  fromName: "Marlow & Finch Jewellers",
  to: "eva@example.com",
  replyTo: "hello@marlowfinch.example",
  subject: "Votre demande R-12 est reçue",
  html: "<html lang=\"fr\"><body><p>Bonjour</p></body></html>",
  text: "Bonjour",
  language: "fr",
  ...over,
});

const BASE_ENV = { SHOPIFY_API_KEY: "k", SHOPIFY_API_SECRET: "s", SHOPIFY_APP_URL: "https://app.example.com" };

describe("sending shopper emails over SMTP", () => {
  let sink: MailSink;
  beforeAll(async () => {
    sink = await startMailSink();
  });
  afterAll(async () => {
    await sink?.close();
  });

  it("GIVEN the sink on 127.0.0.1 WHEN an email is sent THEN the sink holds it once with its Message-ID, the shop's name, reply-to the shop, its language and both parts", async () => {
    const mailer = createMailer({ url: sink.smtpUrl, from: "aftercare@mail.example" });
    const out = mail();
    await mailer.send(out);
    mailer.close();
    const caught = sink.messages.filter((m) => m.messageId === out.messageId);
    expect(caught).toHaveLength(1);
    expect(caught[0]).toMatchObject({ to: ["eva@example.com"], subject: "Votre demande R-12 est reçue", language: "fr", replyTo: "hello@marlowfinch.example" });
    expect(caught[0].from).toBe('"Marlow & Finch Jewellers" <aftercare@mail.example>');
    expect(caught[0].html).toContain('lang="fr"');
    expect(caught[0].text.trim()).toBe("Bonjour");
    expect(sink.accepted(out.messageId)).toBe(true);
    expect(sink.accepted("<never@aftercare.test>")).toBe(false);
  });

  it("GIVEN DKIM in the environment WHEN an email is sent THEN it carries a DKIM-Signature for that domain and selector", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
    const parsed = parseEnv({ ...BASE_ENV, SMTP_URL: sink.smtpUrl, MAIL_FROM: "aftercare@mail.example", MAIL_DKIM_DOMAIN: "mail.example", MAIL_DKIM_SELECTOR: "ac1", MAIL_DKIM_PRIVATE_KEY: privateKey.replace(/\n/g, "\\n") });
    if (!parsed.ok) throw new Error(parsed.message);
    const mailer = mailerFromEnv(parsed.env);
    const out = mail();
    await mailer?.send(out);
    mailer?.close();
    const caught = sink.messages.find((m) => m.messageId === out.messageId);
    const signature = /^DKIM-Signature:[^]*?(?=\r\n\S)/m.exec(caught?.raw ?? "")?.[0] ?? "";
    expect(signature).toMatch(/\bd=mail\.example;/);
    expect(signature).toMatch(/\bs=ac1;/);
  });

  it("GIVEN the environment WHEN SMTP is absent, malformed or half of DKIM is given THEN no mailer, or one line naming the variable", () => {
    const none = parseEnv(BASE_ENV);
    expect(none.ok && mailerFromEnv(none.env)).toBeNull();
    const http = parseEnv({ ...BASE_ENV, SMTP_URL: "https://relay.example" });
    expect(http.ok ? "" : http.message).toMatch(/SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
    const half = parseEnv({ ...BASE_ENV, SMTP_URL: "smtp://relay.example:587", MAIL_DKIM_DOMAIN: "mail.example" });
    expect(half.ok ? "" : half.message).toMatch(/MAIL_DKIM_PRIVATE_KEY DKIM needs/);
  });

  it("GIVEN the relay refuses (451) or is not listening WHEN an email is sent THEN MailNotAccepted: nothing was accepted, so it may be sent again", async () => {
    sink.refusing = true;
    const refusing = createMailer({ url: sink.smtpUrl, from: "aftercare@mail.example" });
    const out = mail();
    await expect(refusing.send(out)).rejects.toBeInstanceOf(MailNotAccepted);
    refusing.close();
    sink.refusing = false;
    expect(sink.accepted(out.messageId)).toBe(false);

    const closed = await startMailSink();
    const url = closed.smtpUrl;
    await closed.close();
    const nowhere = createMailer({ url, from: "aftercare@mail.example", timeoutMs: 2_000 });
    await expect(nowhere.send(mail())).rejects.toBeInstanceOf(MailNotAccepted);
    nowhere.close();
  });

  it("GIVEN nodemailer's failures WHEN classified THEN only a connection lost after the data went out is an unknown outcome", () => {
    const err = (fields: Record<string, unknown>) => Object.assign(new Error("x"), fields);
    expect(classifySendError(err({ code: "ECONNECTION", command: "CONN" }))).toBeInstanceOf(MailNotAccepted);
    expect(classifySendError(err({ code: "EENVELOPE", command: "RCPT TO", responseCode: 550 }))).toBeInstanceOf(MailNotAccepted);
    expect(classifySendError(err({ code: "EMESSAGE", command: "DATA", responseCode: 554 }))).toBeInstanceOf(MailNotAccepted);
    expect(classifySendError(err({ code: "ETIMEDOUT", command: "DATA" }))).toBeInstanceOf(MailOutcomeUnknown);
    expect(classifySendError(err({ code: "ESOCKET", command: "DATA" }))).toBeInstanceOf(MailOutcomeUnknown);
  });
});

import type { AddressInfo } from "node:net";

import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

import type { StandinRoute } from "./server";

/**
 * A local SMTP sink on 127.0.0.1 for the demo and the tests (issue 27): a real SMTP server
 * (`smtp-server`) that accepts every message, reads it with `mailparser` and keeps it in memory.
 * Nothing leaves the machine. Its `route` (mounted on the stand-in) lists the caught messages at
 * /mail, shows one at /mail/{n}, and answers the acceptance log the app reconciles lost sends with
 * (/mail/accepted?messageId=…, SMTP_ACCEPTANCE_LOG_URL).
 */
export type CaughtMail = {
  n: number;
  messageId: string;
  from: string;
  to: string[];
  replyTo: string | null;
  subject: string;
  html: string;
  text: string;
  language: string | null;
  headers: Record<string, string>;
  receivedAt: Date;
  raw: string;
};

export type MailSink = {
  port: number;
  smtpUrl: string;
  messages: CaughtMail[];
  /** Whether a message with this Message-ID was accepted (the acceptance log). */
  accepted(messageId: string): boolean;
  /** Refuse every message with a 451 (the relay is having trouble) until set back to false. */
  refusing: boolean;
  route: StandinRoute;
  close(): Promise<void>;
};

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startMailSink(options: { port?: number } = {}): Promise<MailSink> {
  const messages: CaughtMail[] = [];
  const sink: MailSink = {
    port: 0,
    smtpUrl: "",
    messages,
    refusing: false,
    accepted: (messageId) => messages.some((m) => m.messageId === messageId),
    route: (req, res, { url }) => {
      if (url.pathname === "/mail/accepted") {
        const id = url.searchParams.get("messageId") ?? "";
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ accepted: sink.accepted(id) }));
        return true;
      }
      if (url.pathname === "/mail" || url.pathname === "/mail/") {
        const rows = [...messages]
          .reverse()
          .map((m) => `<tr><td>${m.n}</td><td>${escape(m.receivedAt.toISOString())}</td><td>${escape(m.to.join(", "))}</td><td lang="${escape(m.language ?? "")}"><a href="/mail/${m.n}">${escape(m.subject)}</a></td><td>${escape(m.language ?? "")}</td></tr>`)
          .join("");
        const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Caught mail</title><style>body{font:15px system-ui;margin:2rem}td,th{padding:.3rem .6rem;text-align:start;border-bottom:1px solid #ddd}</style></head><body><main><h1>Mail caught by the local SMTP sink</h1><p>${messages.length} message(s) sent to ${escape(sink.smtpUrl)}; nothing leaves this machine.</p><table><thead><tr><th>#</th><th>Received</th><th>To</th><th>Subject</th><th>Language</th></tr></thead><tbody>${rows}</tbody></table></main></body></html>`;
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
        return true;
      }
      const one = /^\/mail\/(\d+)(\.txt)?$/.exec(url.pathname);
      if (one) {
        const message = messages.find((m) => m.n === Number(one[1]));
        if (!message) {
          res.writeHead(404, { "content-type": "text/plain" }).end("no such message");
        } else if (one[2]) {
          res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end(message.raw);
        } else {
          res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(message.html);
        }
        return true;
      }
      return false;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    banner: "Aftercare local mail sink",
    logger: false,
    onMailFrom(_address, _session, callback) {
      if (sink.refusing) {
        const error = new Error("Mail sink refusing mail (outage)") as Error & { responseCode: number };
        error.responseCode = 451;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            const headers: Record<string, string> = {};
            for (const [key, value] of parsed.headers) headers[key] = typeof value === "string" ? value : JSON.stringify(value);
            const addresses = (field: typeof parsed.to) => (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address ?? ""));
            messages.push({
              n: messages.length + 1,
              messageId: parsed.messageId ?? "",
              from: parsed.from?.text ?? "",
              to: session.envelope.rcptTo.map((r) => r.address).length ? session.envelope.rcptTo.map((r) => r.address) : addresses(parsed.to),
              replyTo: parsed.replyTo?.text ?? null,
              subject: parsed.subject ?? "",
              html: typeof parsed.html === "string" ? parsed.html : "",
              text: parsed.text ?? "",
              language: headers["content-language"] ?? null,
              headers,
              receivedAt: new Date(),
              raw: raw.toString("utf8"),
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  sink.port = ((server as unknown as { server: { address(): AddressInfo } }).server.address()).port;
  sink.smtpUrl = `smtp://127.0.0.1:${sink.port}`;
  return sink;
}

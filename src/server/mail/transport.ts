import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { ServerConfig } from '../config';
import type { MailMessage } from './receipt-mail';

/** Where receipt e-mails go: an SMTP server, or files for the operator to send by hand. */
export interface MailTransport {
  /** Sends (or files) the message; resolves with a short description for the log. */
  send(message: MailMessage, key: string): Promise<string>;
  close(): void;
}

/** The From address: TROVE_MAIL_FROM, else the SMTP user when it is an address, else a local name. */
export function senderAddress(config: Pick<ServerConfig, 'smtpUrl' | 'mailFrom'>): string {
  if (config.mailFrom !== undefined) return config.mailFrom;
  if (config.smtpUrl !== undefined) {
    const url = new URL(config.smtpUrl);
    const user = decodeURIComponent(url.username);
    return user.includes('@') ? user : `receipts@${url.hostname}`;
  }
  return 'receipts@localhost';
}

/** Through the SMTP server of TROVE_SMTP_URL (nodemailer; STARTTLS when the server offers it). */
export function smtpTransport(smtpUrl: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      const info = await transporter.sendMail({ from, ...message });
      return `sent (${info.messageId})`;
    },
    close: () => transporter.close(),
  };
}

/**
 * Without TROVE_SMTP_URL: each message becomes `<dir>/<key>.eml` (a complete MIME message that any
 * mail program opens and can send on), built by nodemailer's own composer.
 */
export function fileTransport(dir: string, from: string): MailTransport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message, key) {
      const info = await composer.sendMail({ from, ...message });
      await mkdir(dir, { recursive: true });
      const path = join(dir, `${key}.eml`);
      await writeFile(path, info.message as Buffer);
      return `written to ${path} (set TROVE_SMTP_URL to send receipt e-mails)`;
    },
    close: () => composer.close(),
  };
}

export function transportFor(config: Pick<ServerConfig, 'smtpUrl' | 'mailFrom' | 'dataDir'>): MailTransport {
  const from = senderAddress(config);
  return config.smtpUrl === undefined ? fileTransport(join(config.dataDir, 'mail'), from) : smtpTransport(config.smtpUrl, from);
}

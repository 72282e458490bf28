import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { nowMs } from './clock.ts';
import type { MailConfig } from './config.ts';

/** One message with its attachments. Addresses and names never reach the log. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  attachments: { filename: string; content: Buffer; contentType: string }[];
}

/** Sends mail through the configured transport; throws MailUnavailableError when it cannot. */
export interface Mailer {
  readonly transport: MailConfig['transport'];
  send(message: MailMessage): Promise<void>;
}

/** The transport refused or could not be reached (the SMTP server is down, the folder is not writable). */
export class MailUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(`mail not sent: ${reason}`);
  }
}

const TIMEOUT_MS = 10_000;

/**
 * The mailer of the configuration: `file` writes each message as `<time>-<uuid>.eml` into the mail
 * folder (development, tests), `smtp` hands it to the SMTP server, `off` refuses every message.
 */
export function createMailer(config: MailConfig): Mailer {
  if (config.transport === 'off')
    return {
      transport: 'off',
      send: () => Promise.reject(new MailUnavailableError('off')),
    };
  if (config.transport === 'file') {
    const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    return {
      transport: 'file',
      async send(message) {
        try {
          const info = await stream.sendMail({ from: config.from, ...message });
          await mkdir(config.dir, { recursive: true });
          await writeFile(path.join(config.dir, `${nowMs()}-${randomUUID()}.eml`), info.message as Buffer);
        } catch (e) {
          throw new MailUnavailableError((e as { code?: string }).code ?? 'file');
        }
      },
    };
  }
  const smtp = nodemailer.createTransport(
    config.smtpUrl as string,
    {
      connectionTimeout: TIMEOUT_MS,
      greetingTimeout: TIMEOUT_MS,
      socketTimeout: TIMEOUT_MS,
    } as never,
  );
  return {
    transport: 'smtp',
    async send(message) {
      try {
        await smtp.sendMail({ from: config.from, ...message });
      } catch (e) {
        // The error's message may name the recipient: only its code goes on.
        throw new MailUnavailableError((e as { code?: string }).code ?? 'smtp');
      }
    },
  };
}

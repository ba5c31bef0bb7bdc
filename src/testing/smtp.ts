import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on a local port, for the notification tests: it accepts every message and
 * keeps what it received (envelope recipients, the subject and the text decoded, the raw message). `stop()` closes it and
 * `start(port)` opens it again on the same port (an SMTP server that was down and is back).
 */
export type ReceivedMail = { to: string; subject: string; text: string; raw: string };

/** RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=) of a header, decoded. */
function decodeWords(value: string): string {
  return value.replace(/=\?UTF-8\?([QB])\?([^?]*)\?=(?:\s+(?==\?UTF-8\?))?/gi, (_, enc: string, data: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'));
}

/** A single-part message as its reader sees it: the subject and the body, transfer encoding undone. */
export function decodeMail(raw: string): { subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1] ?? '';
  const encoding = header('Content-Transfer-Encoding').trim().toLowerCase();
  const text = encoding === 'base64'
    ? Buffer.from(body, 'base64').toString('utf8')
    : encoding === 'quoted-printable'
      ? Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')
      : body;
  return { subject: decodeWords(header('Subject')), text };
}

export type TestSmtp = {
  readonly port: number;
  readonly received: ReceivedMail[];
  url(): string;
  stop(): Promise<void>;
  start(onPort?: number): Promise<number>;
};

export async function startTestSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  let server: SMTPServer | null = null;
  let port = 0;
  const start = (onPort?: number) => {
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), ...decodeMail(raw), raw });
          callback();
        });
      },
    });
    server = smtp;
    return new Promise<number>((resolve) => smtp.listen(onPort ?? 0, '127.0.0.1', () => {
      port = (smtp.server.address() as AddressInfo).port;
      resolve(port);
    }));
  };
  await start();
  return {
    get port() {
      return port;
    },
    received,
    url: () => `smtp://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
    start,
  };
}

import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on a local port, for the notification tests: it accepts every message and
 * keeps what it received (envelope recipients, subject, the raw message). `stop()` closes it and
 * `start(port)` opens it again on the same port (an SMTP server that was down and is back).
 */
export type ReceivedMail = { to: string; subject: string; raw: string };

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
          const subject = /^Subject: (.*)$/m.exec(raw)?.[1] ?? '';
          received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), subject, raw });
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

// Real local receivers for the delivery tests: an SMTP server (smtp-server) and HTTP servers standing in for the
// group robots of 企业微信 and 钉钉, all on loopback ports. Each can be taken down (closed, or answering an error)
// and brought back on the same port; each counts what it accepted.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { to: string; subject: string; messageId: string; text: string };

function decodeWords(header: string): string {
  return header.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, data: string) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(data, 'base64').toString('utf8')
      : decodeQp(data.replaceAll('_', ' ')),
  );
}

function decodeQp(data: string): string {
  const bytes: number[] = [];
  const clean = data.replace(/=\r?\n/g, '');
  for (let i = 0; i < clean.length; i++) {
    if (clean[i] === '=' && /^[0-9A-F]{2}$/i.test(clean.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(clean.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(clean[i] ?? '', 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** A single-part text mail as nodemailer writes it: headers, a blank line, the body in QP or base64. */
export function parseMail(raw: string): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQp(body)
        : body;
  return {
    to: header('To'),
    subject: decodeWords(header('Subject')),
    messageId: header('Message-ID'),
    text: text.replace(/\r\n/g, '\n').trim(),
  };
}

export type MailReceiver = {
  url: string;
  mails: ReceivedMail[];
  down: () => Promise<void>;
  up: () => Promise<void>;
  close: () => Promise<void>;
};

export async function startMailReceiver(): Promise<MailReceiver> {
  const mails: ReceivedMail[] = [];
  let port = 0;
  let server: SMTPServer | null = null;
  const up = async () => {
    const s = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push(parseMail(Buffer.concat(chunks).toString('utf8')));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => s.listen(port, '127.0.0.1', () => resolve()));
    port = (s.server.address() as AddressInfo).port;
    server = s;
  };
  const down = async () => {
    const s = server;
    server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  await up();
  return {
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    mails,
    down,
    up,
    close: down,
  };
}

export type RobotPost = { path: string; query: URLSearchParams; body: unknown };
/** ok: 200 errcode 0; http500: 500; errcode: 200 with errcode 310000 (钉钉's "bad signature"). */
export type RobotMode = 'ok' | 'http500' | 'errcode';

export type RobotReceiver = {
  /** The webhook URL, key or token included. */
  webhook: string;
  /** Posts it accepted (answered errcode 0). */
  accepted: RobotPost[];
  /** Every post it saw, accepted or not. */
  seen: RobotPost[];
  mode: RobotMode;
  /** Runs before the robot answers (a test's stand-in for what happens elsewhere meanwhile). */
  onPost: (() => Promise<void>) | null;
  down: () => Promise<void>;
  up: () => Promise<void>;
  close: () => Promise<void>;
};

/**
 * A robot on loopback. With `dingtalkSecret`, it checks the signature as 钉钉 does: sign must equal
 * base64(HMAC-SHA256(secret, timestamp + "\n" + secret)), recomputed here from the query's timestamp.
 */
export async function startRobotReceiver(
  pathAndQuery: string,
  options: { dingtalkSecret?: string } = {},
): Promise<RobotReceiver> {
  let port = 0;
  let server: Server | null = null;
  const receiver: RobotReceiver = {
    webhook: '',
    accepted: [],
    seen: [],
    mode: 'ok',
    onPost: null,
    down: async () => {
      const s = server;
      server = null;
      if (s) {
        s.closeAllConnections();
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
    },
    up: async () => {
      const s = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', async () => {
          await receiver.onPost?.();
          const url = new URL(req.url ?? '/', 'http://localhost');
          const post: RobotPost = {
            path: url.pathname,
            query: url.searchParams,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
          };
          receiver.seen.push(post);
          const answer = (status: number, body: unknown) => {
            res.writeHead(status, { 'content-type': 'application/json' });
            res.end(JSON.stringify(body));
          };
          if (receiver.mode === 'http500') return answer(500, { message: 'internal error' });
          if (receiver.mode === 'errcode') return answer(200, { errcode: 310000, errmsg: 'sign not match' });
          if (options.dingtalkSecret !== undefined) {
            const timestamp = url.searchParams.get('timestamp') ?? '';
            const expected = createHmac('sha256', options.dingtalkSecret)
              .update(`${timestamp}\n${options.dingtalkSecret}`)
              .digest('base64');
            // searchParams has already URL-decoded the sign.
            if (url.searchParams.get('sign') !== expected)
              return answer(200, { errcode: 310000, errmsg: 'sign not match' });
          }
          receiver.accepted.push(post);
          return answer(200, { errcode: 0, errmsg: 'ok' });
        });
      });
      await new Promise<void>((resolve) => s.listen(port, '127.0.0.1', () => resolve()));
      port = (s.address() as AddressInfo).port;
      receiver.webhook = `http://127.0.0.1:${port}${pathAndQuery}`;
      server = s;
    },
    close: async () => receiver.down(),
  };
  await receiver.up();
  return receiver;
}

// The channels themselves: a mail through the installation's SMTP server (nodemailer) and a post to a group robot
// of 企业微信 or 钉钉. Each answers null when the channel took the message, or the reason it did not; nothing here
// touches the database.
import nodemailer from 'nodemailer';
import type { NotificationLine } from '#contracts/notification';
import { signedDingtalkUrl } from './delivery.schedule.ts';

/** What a channel carries: the notification as the in-app centre shows it. */
export type Message = { title: string; lines: readonly NotificationLine[] };

/** A channel that does not answer in this time counts as down: the sender moves on and tries it again later. */
export const SEND_TIMEOUT_MS = 10_000;

export type SmtpConfig = { url: string; from: string };

export type Mailer = {
  send: (to: string, message: Message, messageId: string) => Promise<string | null>;
  close: () => void;
};

export function mailBody(message: Message): string {
  return [
    message.title,
    '',
    ...message.lines.map((l) => `· ${l.text}`),
    '',
    '—— 融合平台（请登录查看详情）',
  ].join('\n');
}

export function openMailer(smtp: SmtpConfig): Mailer {
  const transport = nodemailer.createTransport({
    url: smtp.url,
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
  });
  return {
    send: async (to, message, messageId) => {
      try {
        await transport.sendMail({
          from: smtp.from,
          to,
          subject: message.title,
          text: mailBody(message),
          // Stable per delivery: a resend after a crash between sending and marking is the same message to the
          // recipient's mail system, which may then drop the copy.
          messageId,
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
        return null;
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    },
    close: () => transport.close(),
  };
}

export function robotMarkdown(message: Message): string {
  return [`### ${message.title}`, ...message.lines.map((l) => `- ${l.text}`)].join('\n');
}

/** The request a robot receives: its URL (signed for 钉钉) and JSON body. */
export function robotRequest(
  kind: 'wecom' | 'dingtalk',
  webhook: string,
  secret: string | null,
  message: Message,
  timestamp: number,
): { url: string; body: unknown } {
  if (kind === 'wecom')
    return { url: webhook, body: { msgtype: 'markdown', markdown: { content: robotMarkdown(message) } } };
  return {
    url: signedDingtalkUrl(webhook, secret, timestamp),
    body: { msgtype: 'markdown', markdown: { title: message.title, text: robotMarkdown(message) } },
  };
}

/**
 * Posts to a robot. Its answer counts as taken only when the HTTP status is 2xx and its JSON says errcode 0: both
 * platforms answer 200 with an errcode when they refuse (a wrong key, a bad signature, too many messages).
 */
export async function postToRobot(
  kind: 'wecom' | 'dingtalk',
  webhook: string,
  secret: string | null,
  message: Message,
  timestamp: number,
): Promise<string | null> {
  const { url, body } = robotRequest(kind, webhook, secret, message, timestamp);
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      redirect: 'error',
    });
    const text = await res.text();
    if (res.status < 200 || res.status > 299) return `HTTP ${res.status}: ${text.slice(0, 200)}`;
    let answer: { errcode?: unknown; errmsg?: unknown };
    try {
      answer = JSON.parse(text) as typeof answer;
    } catch {
      return `回应不是 JSON: ${text.slice(0, 200)}`;
    }
    if (answer.errcode !== 0)
      return `errcode ${String(answer.errcode)}: ${String(answer.errmsg ?? '')}`.slice(0, 300);
    return null;
  } catch (error) {
    // The error names the host at most: the URL (with its key) is never written into the delivery log.
    const cause =
      error instanceof Error
        ? error.cause instanceof Error
          ? error.cause.message
          : error.message
        : String(error);
    return `无法连接：${cause.replaceAll(webhook, '[webhook]')}`.slice(0, 300);
  }
}

import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ApiError, FieldIssue } from '#contracts/errors';
import { AppError } from './errors.ts';
import { SpreadsheetError } from './spreadsheet/errors.ts';

const SPREADSHEET_STATUS: Record<string, number> = {
  'spreadsheet.not_xlsx': 415,
  'spreadsheet.xls_unsupported': 415,
  'spreadsheet.encrypted': 415,
  'spreadsheet.too_large': 413,
  'spreadsheet.suspicious_compression': 413,
  'spreadsheet.too_many_entries': 413,
};

function envelope(
  code: string,
  message: string,
  requestId: string,
  extra: Partial<ApiError['error']> = {},
): ApiError {
  return { error: { code, message, requestId, ...extra } };
}

/**
 * One error handler for the whole API: AppError keeps its kind and code, schema failures become field-level 400s,
 * Fastify's own client errors keep their 4xx, and anything else is logged with the request id and answered with a
 * generic 500 that shows no internals.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (error instanceof AppError) {
      if (error.extra.headers) reply.headers(error.extra.headers);
      const extra: Partial<ApiError['error']> = {};
      if (error.extra.issues) extra.issues = error.extra.issues;
      if (error.extra.details !== undefined) extra.details = error.extra.details;
      if (error.status >= 500) request.log.error({ err: error }, 'app error');
      return reply.status(error.status).send(envelope(error.code, error.message, request.id, extra));
    }
    if (error instanceof SpreadsheetError) {
      return reply
        .status(SPREADSHEET_STATUS[error.code] ?? 400)
        .send(envelope(error.code, error.message, request.id));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues: FieldIssue[] = error.validation.map((v) => {
        const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
        const params = v.params as { keys?: string[] } | undefined;
        const keys = v.keyword === 'unrecognized_keys' ? params?.keys : undefined;
        const context = error.validationContext ?? 'body';
        if (keys?.length) {
          return {
            field: [context, path, keys.join(',')].filter(Boolean).join('.'),
            message: `不允许的字段: ${keys.join(', ')}`,
          };
        }
        return { field: [context, path].filter(Boolean).join('.'), message: v.message ?? '格式不正确' };
      });
      return reply
        .status(400)
        .send(envelope('common.invalid_input', '提交的内容有误，请按提示修改', request.id, { issues }));
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
      return reply.status(500).send(envelope('common.internal', '服务器内部错误，请稍后重试', request.id));
    }
    const fe = error as FastifyError;
    const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
    if (status >= 400 && status < 500) {
      const code =
        status === 413
          ? 'common.too_large'
          : status === 415
            ? 'common.unsupported_media'
            : fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
              ? 'common.malformed_json'
              : 'common.bad_request';
      const message =
        status === 413
          ? '提交的内容过大'
          : status === 415
            ? '不支持的内容类型'
            : code === 'common.malformed_json'
              ? '请求体不是有效的 JSON'
              : '请求无效';
      return reply.status(status).send(envelope(code, message, request.id));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(envelope('common.internal', '服务器内部错误，请稍后重试', request.id));
  });
}

/**
 * Unknown API paths get a JSON 404. With the web app present, other GETs (client-side routes such as /orgs or
 * /members/…) get the app shell, which @fastify/static's sendFile serves.
 */
export function installNotFound(app: FastifyInstance, options: { spaShell: boolean }): void {
  app.setNotFoundHandler((request, reply) => {
    if (!options.spaShell || request.url.startsWith('/api/') || request.method !== 'GET') {
      return reply.status(404).send(envelope('common.route_not_found', '接口不存在', request.id));
    }
    return reply.type('text/html').sendFile('index.html');
  });
}

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // antd writes its styles at run time (CSS-in-JS), which needs inline styles.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** `COOKIE_SECURE`: `auto` follows the request's transport (directly or, from a trusted proxy, X-Forwarded-Proto). */
export type TlsPolicy = { secure: 'auto' | 'true' | 'false' };

export function isSecureRequest(request: FastifyRequest, policy: TlsPolicy): boolean {
  if (policy.secure === 'true') return true;
  if (policy.secure === 'false') return false;
  return request.protocol === 'https';
}

/** One year; no includeSubDomains, since other hosts of an organ's domain are not ours to bind to TLS. */
const HSTS = 'max-age=31536000';

/**
 * Browser hardening headers on every response, the OpenAPI viewer included (it loads only its own scripts and
 * styles from 'self'); HSTS when served over TLS.
 */
export function installSecurityHeaders(app: FastifyInstance, tls: TlsPolicy = { secure: 'auto' }): void {
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('content-security-policy', CSP);
    if (isSecureRequest(request, tls)) reply.header('strict-transport-security', HSTS);
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
}

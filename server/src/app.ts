import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './core/config.ts';
import type { AppServices } from './core/context.ts';
import { writeGateOf } from './core/db.ts';
import { installErrorHandling, installNotFound, installSecurityHeaders } from './core/http.ts';
import { parseQueryString } from './core/querystring.ts';
import { installWriteGate } from './core/write-gate.ts';
import {
  assessmentBulletinRoutes,
  assessmentFollowUpRoutes,
  assessmentKpiRoutes,
  assessmentMemberRoutes,
  assessmentOutcomeRoutes,
  assessmentRatingRoutes,
  assessmentReviewRoutes,
  assessmentRoutes,
} from './modules/assessment/index.ts';
import { attachmentRoutes } from './modules/attachment/index.ts';
import { auditRoutes } from './modules/audit/index.ts';
import { branchFileRoutes, branchRoutes, developmentRoutes, duesRoutes } from './modules/branch/index.ts';
import { deliveryRoutes } from './modules/delivery/index.ts';
import {
  fusionBrandRoutes,
  fusionPairingRoutes,
  fusionProjectRoutes,
  fusionRoutes,
} from './modules/fusion/index.ts';
import { identityRoutes, installAccessControl, requireAccessRules } from './modules/identity/index.ts';
import { memberRoutes, memberSelfRoutes } from './modules/member/index.ts';
import { notificationRoutes } from './modules/notification/index.ts';
import { orgRoutes, partnerRoutes } from './modules/org/index.ts';
import {
  responsibilityFileRoutes,
  responsibilityMeRoutes,
  responsibilityPeopleRoutes,
  responsibilityRoutes,
} from './modules/responsibility/index.ts';
import { statisticsRoutes } from './modules/statistics/index.ts';
import { transferRoutes } from './modules/transfer/index.ts';
import { warningRoutes } from './modules/warning/index.ts';
import { registerContributions } from './registrations.ts';

const webDist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

export type BuildAppOptions = {
  config: Config;
  services: AppServices;
  /** false in tests that do not want request logs. */
  logger?: boolean;
};

/** Builds the HTTP app: core plugins first, then every module's routes in one visible list, then the web app. */
export async function buildApp({
  config,
  services,
  logger = true,
}: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger
      ? {
          level: config.logLevel,
          redact: [
            'req.headers.cookie',
            'req.headers.authorization',
            'req.headers["x-csrf-token"]',
            'res.headers["set-cookie"]',
          ],
        }
      : false,
    // One JSON line per request makes `npm start` unreadable; they are written at LOG_LEVEL=debug or trace only.
    // Errors are still logged by the error handler at any level.
    logController: new LogController({
      disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace',
    }),
    // A hop count trusts the nearest N proxies (Fastify's typings lack the number form it accepts).
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (config.trustProxy as number)
        : config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { querystringParser: parseQueryString },
    genReqId: () => crypto.randomUUID(),
  });
  registerContributions();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  installSecurityHeaders(app, { secure: config.cookieSecure });
  requireAccessRules(app, config.apiDocs);

  await app.register(cookie);
  await app.register(multipart, {
    limits: { fileSize: config.uploadLimitBytes, files: 1, fields: 10, parts: 12, fieldSize: 1024 },
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: '融合 Ronghe API',
        version: '0.1.0',
        description: '党建与业务融合平台 — Party-building and business integration',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'ronghe_sid' } } },
    },
    transform: jsonSchemaTransform,
  });
  if (config.apiDocs !== 'off') await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const policy = {
    idleMinutes: config.sessionIdleMinutes,
    absoluteHours: config.sessionAbsoluteHours,
    maxPerUser: config.sessionMaxPerUser,
  };
  const cookies = { secure: config.cookieSecure };
  installAccessControl(app, services, policy, cookies);
  installWriteGate(app, writeGateOf(services.db));

  app.get(
    '/api/health',
    {
      config: { access: { kind: 'public' } },
      schema: {
        tags: ['system'],
        response: { 200: z.object({ ok: z.literal(true), database: z.enum(['embedded', 'server']) }) },
      },
    },
    async () => ({ ok: true as const, database: services.kind }),
  );

  await app.register(identityRoutes(services, policy, cookies));
  await app.register(auditRoutes(services));
  await app.register(orgRoutes(services));
  await app.register(memberRoutes(services));
  await app.register(memberSelfRoutes(services));
  await app.register(transferRoutes(services));
  await app.register(statisticsRoutes(services));
  await app.register(notificationRoutes(services));
  await app.register(deliveryRoutes(services, config.smtp !== undefined));
  await app.register(responsibilityRoutes(services));
  await app.register(responsibilityMeRoutes(services));
  await app.register(responsibilityPeopleRoutes(services));
  await app.register(responsibilityFileRoutes(services));
  await app.register(attachmentRoutes(services));
  await app.register(branchRoutes(services));
  await app.register(duesRoutes(services));
  await app.register(developmentRoutes(services));
  await app.register(branchFileRoutes(services));
  await app.register(partnerRoutes(services));
  await app.register(fusionRoutes(services));
  await app.register(fusionProjectRoutes(services));
  await app.register(fusionBrandRoutes(services));
  await app.register(fusionPairingRoutes(services));
  await app.register(assessmentRoutes(services));
  await app.register(assessmentKpiRoutes(services));
  await app.register(assessmentBulletinRoutes(services));
  await app.register(assessmentRatingRoutes(services));
  await app.register(assessmentOutcomeRoutes(services));
  await app.register(assessmentMemberRoutes(services));
  await app.register(assessmentFollowUpRoutes(services));
  await app.register(assessmentReviewRoutes(services));
  await app.register(warningRoutes(services));

  if (existsSync(webDist)) {
    await app.register(fastifyStatic, { root: webDist, prefix: '/' });
  }
  installNotFound(app, { spaShell: existsSync(webDist) });
  return app;
}

import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../core/context.ts';

export function orgRoutes(_services: AppServices) {
  return async (_app: FastifyInstance) => {};
}

// Public API of deliveries (ADR 30): the routes, the listener the notification module calls for every row it writes
// (registered in registrations.ts), and the sender's scheduled job (server.ts passes the mail server).
export type { Message, SmtpConfig } from './delivery.channels.ts';
export {
  DEMO_NOTICE_KIND,
  DEMO_NOTICES,
  type DeliveryDemoResult,
  loadDeliveryDemo,
} from './delivery.demo.ts';
export { carried, DELIVERY_LISTENER, enqueueDeliveries } from './delivery.enqueue.ts';
export { deliveryRoutes } from './delivery.routes.ts';
export {
  backoffMinutes,
  dingtalkSign,
  MAX_ATTEMPTS,
  quietHoursEnd,
  signedDingtalkUrl,
} from './delivery.schedule.ts';
export {
  deliveryJobs,
  LEASE_MS,
  SEND_JOB,
  type SenderOptions,
  type SendRun,
  sendDueDeliveries,
} from './delivery.sender.ts';

// Public API of the notification centre (ADR 24): the routes, the daily digest job over the digest sources other
// modules contribute, and `notify` for what cannot wait for the morning.
export {
  composeDigest,
  DIGEST_JOB,
  DIGEST_KIND,
  DIGEST_MAX_LINES,
  type DigestLine,
  type DigestSource,
  digestJobs,
  sendDailyDigest,
} from './notification.digest.ts';
export {
  type CreatedNotification,
  type NotificationListener,
  registerNotificationListeners,
} from './notification.listeners.ts';
export { notificationRoutes } from './notification.routes.ts';
export { type NotifyInput, notify, notifyEach } from './notification.service.ts';

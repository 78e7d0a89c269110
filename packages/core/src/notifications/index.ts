// Notifications: the in-app notices (the bell), the mail outbox and its delivery.
export { listNotifications, markNotificationsRead, unreadNotificationCount } from "./notify";
export { listOutbox } from "./outbox";
export { SmtpUnavailableError, createSmtpTransport, deliverOutbox } from "./outbox-delivery";

// For the other domains' use cases: they notify inside their own transaction
// (the notice is written with the change or not at all), so these take `tx`.
export {
  DIGEST_KINDS,
  type Notice,
  type Recipient,
  authorRecipient,
  coordinatorRecipients,
  insertNotices,
  notifyCardDeclined,
  notifyCardPaid,
  notifyNextActors,
  teamSpendLink,
} from "./notify";
export { enqueueEmail } from "./outbox";
export { noticeMail } from "./messages";

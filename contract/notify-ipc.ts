// The desktop notification of a ringing call, between the renderer and the host. The desktop app
// shows a native notification (with Answer / Decline where the system offers buttons, macOS) and
// sends back what the agent clicked; the browser host cannot show one and says so (`shown: false`),
// and the page then uses the Web Notification API itself.
import { z } from 'zod';

const NoticeId = z.string().min(1).max(200);

/** Texts come from the renderer, already in the user's language. */
export const IncomingCallNotice = z.strictObject({
  /** The call's SIP id: the action that comes back names it. */
  id: NoticeId,
  title: z.string().min(1).max(200),
  body: z.string().max(500),
  answerLabel: z.string().min(1).max(40),
  declineLabel: z.string().min(1).max(40),
});
export type IncomingCallNotice = z.infer<typeof IncomingCallNotice>;

export const NoticeShown = z.object({
  /** false: this host shows no desktop notifications (the browser host). */
  shown: z.boolean(),
});
export type NoticeShown = z.infer<typeof NoticeShown>;

export const CloseNoticeInput = z.strictObject({ id: NoticeId });

/** What the agent did with the notification: a button, or a click on it (bring the Phone up). */
export const NoticeAction = z.object({ id: NoticeId, action: z.enum(['answer', 'decline', 'click']) });
export type NoticeAction = z.infer<typeof NoticeAction>;

// WhatsApp's customer-service window: a business may send free-form messages only within 24 hours
// of the customer's last message; after that, only approved templates.
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

export function windowOpen(lastInboundAt: Date | null, now: Date): boolean {
  return lastInboundAt !== null && now.getTime() - lastInboundAt.getTime() < WHATSAPP_WINDOW_MS;
}

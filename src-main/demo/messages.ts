import type { Sim } from "./types.ts";

// One push or e-mail to one user: sent, perhaps opened, perhaps clicked. A click starts a session
// a few seconds later (queued for the journey to run). Sends, and e-mail opens (which happen in a
// mail client), are outside any app session, so they carry no session_id; a push open or click is
// the first touch of the session it starts, so it carries that session's id.

export interface Message {
  channel: "push" | "email";
  campaign: string;
  messageType: "promotional" | "winback" | "triggered" | "lifecycle";
  open: number;
  click: number;
  reason: "campaign" | "cart_return";
}

const MIN = 60_000;

/** Sends the message at local time `at`; returns true when the user clicked through. */
export function sendMessage(sim: Sim, at: number, message: Message): boolean {
  const { rng, user, state } = sim;
  const base = { campaign: message.campaign, channel: message.channel, message_type: message.messageType };
  const sent = at + rng.int(4 * MIN);
  sim.emit(sent, `${message.channel}_sent`, base);
  // Each promotional send loses a few recipients for good (unsubscribe, notifications off).
  if (message.messageType === "promotional" && rng.chance(message.channel === "push" ? 0.02 : 0.025)) {
    if (message.channel === "push") state.pushEnabled = false;
    else state.emailOptIn = false;
  }
  // Churned users still receive messages but rarely read them.
  const interest = user.traits.responsiveness * (state.alive ? 1 : 0.6);
  if (!rng.chance(Math.min(0.9, message.open * interest))) return false;
  const opened = sent + (message.channel === "push" ? rng.exp(25 * MIN) : rng.exp(150 * MIN)) + 1000;
  const clicks = rng.chance(message.click);
  if (message.channel === "push") {
    if (!clicks) {
      sim.emit(opened, "push_opened", base);
      return false;
    }
    // The open and the click belong to the session they start: the session emits them.
    const clicked = opened + 800 + rng.int(4000);
    sim.queue.push({
      local: clicked + 1500,
      source: "push",
      reason: message.reason,
      campaign: message.campaign,
      lead: [
        { local: opened, name: "push_opened", props: base },
        { local: clicked, name: "push_clicked", props: base },
      ],
    });
    return true;
  }
  sim.emit(opened, "email_opened", base);
  if (!clicks) return false;
  const clicked = opened + 3000 + rng.exp(40_000);
  sim.emit(clicked, "email_clicked", base);
  sim.queue.push({
    local: clicked + 2000,
    source: "email",
    reason: message.reason,
    campaign: message.campaign,
  });
  return true;
}

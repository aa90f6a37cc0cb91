/**
 * An interactive job's conversation, as a chat shows it: each message a viewer sent, and
 * under it the text the job streamed in answer. The job says when it takes a message (the
 * runtime's `sidecast.input_read` data: its n-th message taken); what it streams until it
 * takes the next one answers that message. So a message sent while a reply streams shows
 * after that reply and does not split it. Until a job has said so once (a sidecar that
 * never does), a message counts as taken when it is sent.
 */

/** A turn of the conversation: what a viewer sent, or the job's reply. */
export interface Turn {
  from: 'viewer' | 'job';
  text: string;
}

export class Conversation {
  readonly turns: Turn[] = [];
  private readonly messages: Turn[] = [];
  /** The job's reply to each message, by the message's ordinal. */
  private readonly replies = new Map<number, Turn>();
  /** The ordinal (from 1) of the message the job is answering; 0 before it took one. */
  private answering = 0;
  private saysWhenItTakes = false;

  /** A viewer sent `text`. */
  viewerSent(text: string): void {
    const message: Turn = { from: 'viewer', text };
    this.messages.push(message);
    this.turns.push(message);
    if (!this.saysWhenItTakes) this.answering = this.messages.length;
  }

  /** The job took its `ordinal`-th message. */
  jobTook(ordinal: number): void {
    this.saysWhenItTakes = true;
    this.answering = ordinal;
  }

  /** The job streamed `text`, part of its answer to the message it is answering. */
  jobStreamed(text: string): void {
    const message = this.messages[this.answering - 1];
    if (message === undefined) return;
    const reply = this.replies.get(this.answering);
    if (reply !== undefined) {
      reply.text += text;
      return;
    }
    const turn: Turn = { from: 'job', text };
    this.replies.set(this.answering, turn);
    this.turns.splice(this.turns.indexOf(message) + 1, 0, turn);
  }
}

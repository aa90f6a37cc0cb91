/**
 * The log view's autoscroll rules, apart from the DOM so they can be tested:
 * - it follows the tail at first, and after a reset;
 * - scrolling up (away from the bottom) pauses it; new lines then count as unseen;
 * - reaching the bottom again, or the "N new lines ↓" button, resumes it.
 * Only a move up pauses: rows being added or re-measured never stop the tail by themselves.
 */

export interface ScrollPosition {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
}

/** How close to the bottom (px) still counts as at the bottom: about one row. */
export const BOTTOM_SLACK_PX = 24;

export class Follow {
  following = true;
  /** How many lines there were when following paused. */
  private seen = 0;
  private lastTop = 0;

  /** A scroll event: `total` is how many lines the view has now. */
  scrolled(position: ScrollPosition, total: number): void {
    const atBottom =
      position.scrollHeight - position.scrollTop - position.clientHeight <= BOTTOM_SLACK_PX;
    const movedUp = position.scrollTop < this.lastTop;
    this.lastTop = position.scrollTop;
    if (atBottom) this.following = true;
    else if (movedUp && this.following) {
      this.following = false;
      this.seen = total;
    }
  }

  /** Lines added since following paused. */
  unseen(total: number): number {
    return this.following ? 0 : Math.max(0, total - this.seen);
  }

  /** Stop following, as scrolling up does (a jump to a linked or found line). */
  pause(total: number): void {
    if (!this.following) return;
    this.following = false;
    this.seen = total;
  }

  /** Follow the tail again (the button, a reset, a new filter). */
  resume(): void {
    this.following = true;
  }
}

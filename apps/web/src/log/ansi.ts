/**
 * ANSI colour codes in a log line as styled segments, parsed by `anser`. The 16 standard
 * colours become classes (`ansi-red-fg`), so each theme can choose its own shades; 256-colour
 * and true-colour codes become an inline colour. No HTML is built: Vue renders the text.
 */
import Anser from 'anser';

export interface Segment {
  text: string;
  classes: string[];
  style: Record<string, string> | undefined;
}

const ESC = '\u001b';
const PALETTE = /^ansi-palette-(\d+)$/;

/** The segments of `text`; one plain segment when it has no escape codes (most lines). */
export function segmentsOf(text: string): Segment[] {
  if (!text.includes(ESC)) return [{ text, classes: [], style: undefined }];
  return Anser.ansiToJson(text, { use_classes: true, remove_empty: true }).map((entry) => {
    const classes = entry.decorations.map((decoration) => `ansi-${decoration}`);
    const style: Record<string, string> = {};
    // The typings say `string`, but a colour that is not set is `null`.
    paint(entry.fg, entry.fg_truecolor, 'fg', classes, style);
    paint(entry.bg, entry.bg_truecolor, 'bg', classes, style);
    return {
      text: entry.content,
      classes,
      style: Object.keys(style).length > 0 ? style : undefined,
    };
  });
}

function paint(
  colour: string | null,
  trueColour: string | null,
  layer: 'fg' | 'bg',
  classes: string[],
  style: Record<string, string>,
): void {
  if (colour === null) return;
  const property = layer === 'fg' ? 'color' : 'background-color';
  const index = PALETTE.exec(colour)?.[1];
  if (trueColour !== null) style[property] = `rgb(${trueColour})`;
  else if (index !== undefined) style[property] = paletteColour(Number(index));
  else classes.push(`${colour}-${layer}`);
}

const STANDARD = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];

/** xterm's 256 colours: 16 named ones (left to the theme), a 6×6×6 cube, 24 greys. */
export function paletteColour(index: number): string {
  if (index < 16) {
    const name = STANDARD[index % 8] ?? 'white';
    return `var(--ansi-${index >= 8 ? 'bright-' : ''}${name})`;
  }
  if (index >= 232) {
    const grey = 8 + (index - 232) * 10;
    return `rgb(${String(grey)}, ${String(grey)}, ${String(grey)})`;
  }
  const cube = index - 16;
  const level = (step: number): number => (step === 0 ? 0 : 55 + step * 40);
  const red = level(Math.floor(cube / 36));
  const green = level(Math.floor(cube / 6) % 6);
  const blue = level(cube % 6);
  return `rgb(${String(red)}, ${String(green)}, ${String(blue)})`;
}

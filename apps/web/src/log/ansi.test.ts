import { describe, expect, it } from 'vitest';
import { paletteColour, segmentsOf } from './ansi.js';

describe('segmentsOf', () => {
  it('leaves a line without escape codes as one plain segment', () => {
    expect(segmentsOf('plain <b>text</b>')).toEqual([
      { text: 'plain <b>text</b>', classes: [], style: undefined },
    ]);
  });

  it('turns the 16 colours and decorations into classes the theme colours', () => {
    expect(segmentsOf('a \u001b[1;31mred\u001b[0m \u001b[42mbg\u001b[0m')).toEqual([
      { text: 'a ', classes: [], style: undefined },
      { text: 'red', classes: ['ansi-bold', 'ansi-red-fg'], style: undefined },
      { text: ' ', classes: [], style: undefined },
      { text: 'bg', classes: ['ansi-green-bg'], style: undefined },
    ]);
  });

  it('gives 256-colour and true-colour codes an inline colour', () => {
    expect(segmentsOf('\u001b[38;5;196mx\u001b[48;2;1;2;3my')).toEqual([
      { text: 'x', classes: [], style: { color: 'rgb(255, 0, 0)' } },
      {
        text: 'y',
        classes: [],
        style: { color: 'rgb(255, 0, 0)', 'background-color': 'rgb(1, 2, 3)' },
      },
    ]);
  });
});

describe('paletteColour', () => {
  it('maps the cube, the greys, and leaves the first 16 to the theme', () => {
    expect(paletteColour(16)).toBe('rgb(0, 0, 0)');
    expect(paletteColour(231)).toBe('rgb(255, 255, 255)');
    expect(paletteColour(244)).toBe('rgb(128, 128, 128)');
    expect(paletteColour(9)).toBe('var(--ansi-bright-red)');
  });
});

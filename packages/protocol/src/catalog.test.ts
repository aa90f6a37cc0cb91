import { describe, expect, it } from 'vitest';
import { CATALOG, titleOf } from './catalog.js';
import * as protocol from './index.js';

describe('catalog', () => {
  describe('#titleOf', () => {
    it('turns a file name into the schema name', () => {
      expect(titleOf('client-message')).toBe('ClientMessage');
      expect(titleOf('job')).toBe('Job');
    });
  });

  it('publishes each schema under the name it has in TypeScript', () => {
    for (const [name, schema] of Object.entries(CATALOG))
      expect(protocol[titleOf(name as keyof typeof CATALOG) as keyof typeof protocol], name).toBe(
        schema,
      );
  });
});

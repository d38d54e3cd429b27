/** docs/api.md is the OpenAPI description's route list as it stands (npm run api-doc). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiMarkdown, describeApi } from '../../scripts/api-doc';

describe('docs/api.md', () => {
  it('is up to date with the OpenAPI description (run npm run api-doc)', () => {
    expect(readFileSync(join(import.meta.dirname, '../../docs/api.md'), 'utf8')).toBe(apiMarkdown(describeApi()));
  });
});

// The embedded example configuration (src/config/default.platform.yaml), as `npm run synth`
// uses it without PLATFORM_CONFIG. Tests of the rules themselves use the minimal configuration
// (__tests__/support/minimal-config.ts); this suite holds what is true of the example.
import { loadConfig } from '../../src/config/load';
import { resolveRepositories } from '../../src/config/model';
import type { PlatformConfig } from '../../src/config/schema';

describe('the example configuration', () => {
  let config: PlatformConfig;
  beforeAll(async () => {
    config = await loadConfig();
  });

  it('is accepted', () => {
    expect(config.project).toBe('faro');
  });

  it('makes the repositories its prod services use IMMUTABLE, the others as written', () => {
    const byName = Object.fromEntries(resolveRepositories(config).map((r) => [r.name, r.tagMutability]));
    expect(byName).toMatchObject({ 'faro-rag/rag-query': 'IMMUTABLE', infrastructure: 'IMMUTABLE', deployments: 'MUTABLE' });
  });
});

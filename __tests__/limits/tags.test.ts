// Issue 12 §3: tags on every resource, as AWS takes them (default tags included).
import { minimalProblems, withRepositories } from '../support/minimal-config';

const manyTags = (count: number, prefix = 'Key') => Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i}`, 'x']));

describe('tags', () => {
  it('keys are at most 128 characters and values at most 256, counted as Unicode characters', () => {
    const key = 'k'.repeat(129);
    expect(minimalProblems({ tags: { [key]: 'x' } })).toEqual([`tags.${key}: must be a tag key of 1 to 128 characters, got "${'k'.repeat(76)}... (129)`]);
    expect(minimalProblems(withRepositories({ name: 'api', tags: { Team: 'v'.repeat(257) } }))).toEqual([
      `registry.repositories[1].tags.Team: must have a value of at most 256 characters, got "${'v'.repeat(76)}... (257)`,
    ]);
    // 128 emoji are 256 UTF-16 units but 128 characters to AWS.
    expect(minimalProblems(withRepositories({ name: 'api', tags: { ['🙂'.repeat(128)]: 'x' } }))).toEqual([]);
  });

  it('no key starts with aws:', () => {
    expect(minimalProblems({ tags: { 'AWS:team': 'x' } })).toEqual(['tags.AWS:team: must not start with "aws:" (AWS reserves those tag keys), got "AWS:team"']);
    expect(minimalProblems({ registry: { repositories: [{ name: 'app' }], defaults: { tags: { 'aws:cost': 'x' } } } })).toEqual([
      'registry.defaults.tags.aws:cost: must not start with "aws:" (AWS reserves those tag keys), got "aws:cost"',
    ]);
  });

  it("the default tags land on IAM resources too, so IAM's character set applies to them (and the Owner tag)", () => {
    expect(minimalProblems({ owner: 'platform team <ops@acme.example>', tags: { 'cost,center': '42' } })).toEqual([
      "owner: must have a value of only letters, digits, spaces and _ . : / = + - @ (IAM's tag characters; the access stack's IAM roles, policies and OIDC provider carry this tag), got \"platform team <ops@acme.example>\"",
      "tags.cost,center: must be a key of only letters, digits, spaces and _ . : / = + - @ (IAM's tag characters; the access stack's IAM roles, policies and OIDC provider carry this tag), got \"cost,center\"",
    ]);
    // Letters of any script, digits, spaces and the listed marks are IAM's.
    expect(minimalProblems({ owner: 'Équipe Plateforme', tags: { 'team:name': 'a_b.c/d=e+f-g@h' } })).toEqual([]);
    // Repositories are not IAM resources: their own tags may use ECR's wider set.
    expect(minimalProblems(withRepositories({ name: 'api', tags: { Contact: 'ops <ops@acme.example>' } }))).toEqual([]);
  });

  it('no two keys differ only in case, default tags included', () => {
    expect(minimalProblems({ tags: { project: 'other' } })).toEqual([
      'tags.project: must not differ from the tag key "Project" (project) only in case: every resource of the global stacks would get both, and IAM (for one) treats them as one key; keep one spelling, got "project"',
    ]);
    expect(minimalProblems(withRepositories({ name: 'api', tags: { team: 'a', Team: 'b' } }))).toEqual([
      'registry.repositories[1].tags.Team: must not differ from the tag key "team" (registry.repositories[1].tags.team) only in case: repository "api" would get both, and IAM (for one) treats them as one key; keep one spelling, got "Team"',
    ]);
    // The same key with the same spelling replaces the default: one tag.
    expect(minimalProblems({ tags: { Owner: 'someone-else' } })).toEqual([]);
  });

  it('at most 50 tags per resource, counting the four built-in default tags', () => {
    expect(minimalProblems({ tags: manyTags(46) })).toEqual([]);
    expect(minimalProblems({ tags: manyTags(47) })).toEqual([
      'tags: must leave every resource of the global stacks at most 50 tags (AWS\'s limit per resource, default tags included), got 51',
    ]);
    expect(minimalProblems(withRepositories({ name: 'api', tags: manyTags(47) }))).toEqual([
      'registry.repositories[1].tags: must leave repository "api" at most 50 tags (AWS\'s limit per resource, default tags included), got 51',
    ]);
    expect(minimalProblems({ environments: { dev: { tags: manyTags(47) }, prod: { production: true } } })).toEqual([
      "environments.dev.tags: must leave every resource of the workloads-dev stack at most 50 tags (AWS's limit per resource, default tags included), got 51",
    ]);
  });

  it('pull-through cache templates: the tags the created repositories get, merged per prefix', () => {
    expect(
      minimalProblems({
        pullThroughCache: { rules: [{ upstream: 'quay', template: { resourceTags: { ...manyTags(30, 'Rule'), team: 'x' } } }], template: { resourceTags: { ...manyTags(25), Team: 'y' } } },
      }),
    ).toEqual([
      'pullThroughCache.rules[0].template.resourceTags.team: must not differ from the tag key "Team" (template.resourceTags.Team) only in case: the repositories cached under "quay" would get both, and IAM (for one) treats them as one key; keep one spelling, got "team"',
      'pullThroughCache.rules[0].template.resourceTags: must leave the repositories cached under "quay" at most 50 tags (AWS\'s limit per resource, default tags included), got 57',
    ]);
  });
});

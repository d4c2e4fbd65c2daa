import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { configWith } from '../support/config';
import { resolveRepositoryTargets } from '../../src/config/resolve/repository-targets';
import { productionReach } from '../../src/config/checks/access';
import { ciRoleSubjectSpec } from '../../src/config/resolve/access';
import { buildGithubSubjects } from '../../src/domain/github/subjects';

const workflow = parse(fs.readFileSync(path.join(__dirname, '../../examples/github-actions/build-and-push.yml'), 'utf8'));

describe('examples/github-actions/build-and-push.yml', () => {
  const steps: any[] = workflow.jobs['build-and-push'].steps;
  const config = configWith();
  const [role] = config.access.github.ciRoles;

  it('asks for an OIDC token and nothing more than reading the code', () => {
    expect(workflow.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
  });

  it('assumes the role with configure-aws-credentials@v4 and logs in with amazon-ecr-login@v2', () => {
    const credentials = steps.find((s) => String(s.uses).startsWith('aws-actions/configure-aws-credentials'));
    expect(credentials.uses).toBe('aws-actions/configure-aws-credentials@v4');
    expect(credentials.with['role-to-assume']).toBe('${{ vars.AWS_ROLE_ARN }}');
    expect(credentials.with).not.toHaveProperty('aws-access-key-id');
    expect(steps.find((s) => s.id === 'ecr').uses).toBe('aws-actions/amazon-ecr-login@v2');
  });

  it('tags the image with the commit SHA (tags are immutable) in a repository the example CI role may push to', () => {
    const push = steps[steps.length - 1];
    expect(push.env.IMAGE).toBe('${{ steps.ecr.outputs.registry }}/${{ env.ECR_REPOSITORY }}:${{ github.sha }}');
    expect(push.run).toContain('docker push "$IMAGE"');
    const target = resolveRepositoryTargets(config, [workflow.env.ECR_REPOSITORY]).arns[0];
    const allowed = resolveRepositoryTargets(config, role.pushTo).arns;
    expect(allowed.some((arn) => arn === target || (arn.endsWith('/*') && target.startsWith(arn.slice(0, -1))))).toBe(true);
  });

  it('runs only on the branches the example CI role trusts, and the role trusts no pattern or pull request (it pushes what production runs)', () => {
    const subjects = buildGithubSubjects(ciRoleSubjectSpec(config, role));
    expect(Object.keys(workflow.on)).toEqual(['push']);
    expect(Object.keys(workflow.on.push)).toEqual(['branches']);
    for (const branch of workflow.on.push.branches) expect(subjects).toContain(`repo:faro-ai/rag-services:ref:refs/heads/${branch}`);
    expect(productionReach(config, role)).toEqual(['faro-rag/document-chunking', 'faro-rag/embeddings-engine', 'faro-rag/rag-query']);
    expect(subjects.filter((s) => /[*?]/.test(s) || s.endsWith(':pull_request'))).toEqual([]);
  });
});

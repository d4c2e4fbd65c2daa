// examples/github-actions/platform.yml against the example configuration: pull requests plan
// offline and comment; main plans against state and deploys in order through the deploy role,
// in the one environment that role trusts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { Testing } from 'cdktf';
import { configWith } from '../support/config';
import { buildApp } from '../../src/app';
import { deployRoleSubjectSpec } from '../../src/config/resolve/access';
import { buildGithubSubjects } from '../../src/domain/github/subjects';
import { parsePlanArgs } from '../../src/cli/plan';
import { cdktfArgs } from '../../src/cli/cdktf';

const workflow = parse(fs.readFileSync(path.join(__dirname, '../../examples/github-actions/platform.yml'), 'utf8'));
const scripts = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')).scripts;

/** A run step's command as npm sees it: the script name and its arguments after `--`. */
function npmRun(step: any): { script: string; args: string[] } | undefined {
  const match = /^npm run (\S+)(?: -- (.*))?$/.exec(String(step.run ?? '').trim());
  return match ? { script: match[1], args: match[2] ? match[2].split(/\s+/).map((a) => a.replace(/^'(.*)'$/, '$1')) : [] } : undefined;
}

describe('examples/github-actions/platform.yml', () => {
  const config = configWith();
  const deployRole = config.access.deployRole!;
  const { plan, deploy } = workflow.jobs;

  it('runs on pull requests and on pushes to main only', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(workflow.on.push).toEqual({ branches: ['main'] });
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('pull requests: synth, an offline plan with the Markdown summary, posted as a comment; no AWS credentials', () => {
    expect(plan.if).toBe("github.event_name == 'pull_request'");
    const runs = plan.steps.map(npmRun).filter(Boolean);
    expect(runs.map((r: any) => r.script)).toEqual(['synth', 'plan']);
    const planArgs = parsePlanArgs(runs[1].args);
    expect(planArgs).toMatchObject({ offline: true, markdown: 'plan-summary.md', allowDestroy: false, stacks: [] });
    const comment = plan.steps.find((s: any) => String(s.run ?? '').includes('gh pr comment'));
    expect(comment.run).toContain('--body-file plan-summary.md');
    expect(comment.if).toBe('always()');
    expect(plan.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    expect(JSON.stringify(plan)).not.toContain('configure-aws-credentials');
  });

  it('main: runs in the environment the deploy role trusts, from main only, and the role trusts nothing else', () => {
    expect(deploy.if).toBe("github.event_name == 'push' && github.ref == 'refs/heads/main'");
    expect(deploy.environment).toBe(deployRole.environment);
    expect(buildGithubSubjects(deployRoleSubjectSpec(config, deployRole))).toEqual([`repo:${deployRole.repository}:environment:${deployRole.environment}`]);
    expect(deploy.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
  });

  it('main: assumes the deploy role for its one-hour session, plans with the guard, then deploys every stack in order', () => {
    const credentials = deploy.steps.find((s: any) => String(s.uses).startsWith('aws-actions/configure-aws-credentials'));
    expect(credentials.uses).toBe('aws-actions/configure-aws-credentials@v4');
    expect(credentials.with['role-to-assume']).toBe('${{ vars.PLATFORM_DEPLOY_ROLE_ARN }}');
    const access = Testing.synth(buildApp(config).access);
    const role = Object.values(JSON.parse(access).resource.aws_iam_role as Record<string, any>).find((r) => r.name === deployRole.name);
    expect(role.max_session_duration).toBe(Number(credentials.with['role-duration-seconds']));
    expect(role.max_session_duration).toBe(3600);

    const runs = deploy.steps.map(npmRun).filter(Boolean);
    expect(runs.map((r: any) => r.script)).toEqual(['plan', 'deploy']);
    expect(runs.every((r: any) => scripts[r.script])).toBe(true);
    expect(parsePlanArgs(runs[0].args)).toMatchObject({ offline: false, allowDestroy: false, stacks: [] });
    // '*': every stack, and cdktf keeps its dependency order (no --ignore-missing-stack-dependencies).
    expect(cdktfArgs('deploy', runs[1].args)).toEqual(['deploy', '*', '--auto-approve']);
    const order = deploy.steps.map((s: any) => s.uses ?? s.run);
    expect(order.findIndex((s: string) => s.startsWith('aws-actions/configure-aws-credentials'))).toBeLessThan(order.indexOf('npm run plan -- --markdown=plan-summary.md'));
    expect(order.indexOf('npm run plan -- --markdown=plan-summary.md')).toBeLessThan(order.indexOf("npm run deploy -- '*' --auto-approve"));
  });
});

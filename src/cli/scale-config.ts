/**
 * The example configuration at scale, for `npm run bench` and the scale test: the embedded
 * example plus `repositories` more repositories in 20 teams (team-00/service-0000, ...) and
 * GitHub repositories up to `githubRepositories` in all, pushed from by one CI role per team
 * group, read by the Image Updater (every repository) and by an auditor of five teams, each
 * repository named on its own (so its grant has to be written by prefix to fit).
 */
import * as fs from 'node:fs';
import { parseDocument } from 'yaml';
import { DEFAULT_CONFIG_PATH } from '../config/load';
import type { PlatformConfigInput } from '../config/schema';

export interface ScaleOptions {
  /** Repositories added to the example's. @default 1000 */
  readonly repositories?: number;
  /** GitHub repositories in all, the example's two included. @default 30 */
  readonly githubRepositories?: number;
}

const TEAMS = 20;
/** GitHub repositories per CI role: with 2 refs each, a trust policy of about 1,600 of its 2,048 characters (14 would fit). */
const PER_ROLE = 10;

const team = (i: number) => `team-${String(i % TEAMS).padStart(2, '0')}`;

export function scaleConfig(options: ScaleOptions = {}): PlatformConfigInput {
  const { repositories = 1000, githubRepositories = 30 } = options;
  const config = parseDocument(fs.readFileSync(DEFAULT_CONFIG_PATH, 'utf8')).toJS();
  const names = Array.from({ length: repositories }, (_, i) => `${team(i)}/service-${String(i).padStart(4, '0')}`);
  config.registry.repositories.push(...names.map((name) => ({ name })));

  const github = config.access.github;
  const exampleRepositories: string[] = [...github.repositories];
  const more = Array.from({ length: Math.max(0, githubRepositories - exampleRepositories.length) }, (_, i) => `faro-ai/service-${String(i).padStart(2, '0')}`);
  github.repositories.push(...more);
  // The example's role keeps the example's repositories; the others get a role per group of ten.
  github.ciRoles[0].repositories = exampleRepositories;
  for (let start = 0; start < more.length; start += PER_ROLE) {
    const group = start / PER_ROLE;
    github.ciRoles.push({
      name: `faro-ci-group-${group}`,
      repositories: more.slice(start, start + PER_ROLE),
      branches: ['main'],
      tags: ['v*'],
      pushTo: Array.from({ length: 5 }, (_, k) => `${team(group * 5 + k)}/*`),
    });
  }
  // IRSA: moto has no EKS Pod Identity API, and the bench applies this configuration there.
  config.access.imageUpdater = {
    roleName: 'faro-argocd-image-updater',
    clusterName: 'faro-prod',
    mechanism: 'irsa',
    oidcIssuer: 'oidc.eks.eu-central-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
  };
  config.access.pullPrincipals = [
    { name: 'auditors', principal: 'arn:aws:iam::111122223333:role/faro-auditors', repositories: names.filter((name) => /^team-0[0-4]\//.test(name)) },
  ];
  return config as PlatformConfigInput;
}

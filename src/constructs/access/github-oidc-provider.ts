import { Construct } from 'constructs';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { show } from '../../domain/problem';

import { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_HOST, GITHUB_OIDC_URL } from '../../domain/github/trust-policy';

export { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_HOST, GITHUB_OIDC_URL, githubOidcProviderArn } from '../../domain/github/trust-policy';

const PROVIDER_ARN = new RegExp(`^arn:aws[a-z-]*:iam::\\d{12}:oidc-provider/${GITHUB_OIDC_HOST.replace(/\./g, '\\.')}$`);

export function isGithubOidcProviderArn(arn: string): boolean {
  return PROVIDER_ARN.test(arn);
}

export interface GithubOidcProviderProps {
  /**
   * Reference this provider instead of creating one. An account can hold only one
   * provider per URL, so an account that already has GitHub's uses it.
   * @default create the provider
   */
  readonly existingProviderArn?: string;
  /**
   * Take over the account's existing provider with a Terraform import block (its ARN),
   * so this stack manages it from now on. Mutually exclusive with `existingProviderArn`.
   * @default create a new provider
   */
  readonly adoptProviderArn?: string;
}

/**
 * GitHub Actions' OIDC identity provider (`https://token.actions.githubusercontent.com`,
 * audience `sts.amazonaws.com`), or a reference to the account's existing one.
 */
export class GithubOidcProvider extends Construct {
  /** The provider's ARN: a token of the created resource, or the existing ARN. */
  readonly arn: string;
  /** The resource, when this construct manages the provider. */
  readonly resource?: IamOpenidConnectProvider;

  constructor(scope: Construct, id: string, props: GithubOidcProviderProps = {}) {
    super(scope, id);
    const { existingProviderArn, adoptProviderArn } = props;
    for (const [prop, value] of Object.entries({ existingProviderArn, adoptProviderArn })) {
      if (value !== undefined && !isGithubOidcProviderArn(value)) {
        throw new Error(`'${prop}' must be an IAM OIDC provider ARN arn:aws:iam::<account>:oidc-provider/${GITHUB_OIDC_HOST}, got ${show(value)}`);
      }
    }
    if (existingProviderArn && adoptProviderArn) {
      throw new Error(`'adoptProviderArn' must not be set together with 'existingProviderArn' (reference or adopt, not both), got ${show(adoptProviderArn)}`);
    }
    if (existingProviderArn) {
      this.arn = existingProviderArn;
      return;
    }
    this.resource = new IamOpenidConnectProvider(this, 'provider', {
      url: GITHUB_OIDC_URL,
      clientIdList: [GITHUB_OIDC_AUDIENCE],
      // No thumbprintList: IAM has trusted GitHub's certificate authority without pinned
      // thumbprints since July 2023, and an empty list shows as a diff on every plan.
    });
    if (adoptProviderArn) this.resource.importFrom(adoptProviderArn);
    this.arn = this.resource.arn;
  }
}

// The one parser of IAM role and user ARNs (src/domain/aws/arn.ts): the access check and the resolve step share it.
import { parseIamPrincipalArn } from '../../src/domain/aws/arn';

describe('parseIamPrincipalArn', () => {
  it('takes roles and users, with or without a path, in any partition', () => {
    expect(parseIamPrincipalArn('arn:aws:iam::111122223333:role/tools')).toEqual({ accountId: '111122223333', kind: 'role', name: 'tools' });
    expect(parseIamPrincipalArn('arn:aws:iam::111122223333:user/team/ci/deployer')).toEqual({ accountId: '111122223333', kind: 'user', name: 'deployer' });
    expect(parseIamPrincipalArn('arn:aws-cn:iam::111122223333:role/a+b=c,d.e@f_g-h')).toEqual({ accountId: '111122223333', kind: 'role', name: 'a+b=c,d.e@f_g-h' });
  });

  it('refuses what is not a role or user ARN', () => {
    for (const arn of ['arn:aws:iam::111122223333:root', 'arn:aws:iam::111122223333:group/admins', 'arn:aws:iam::1111:role/x', 'arn:aws:iam::111122223333:role/', 'arn:aws:iam::111122223333:role/a b', 'tools']) {
      expect(parseIamPrincipalArn(arn)).toBeUndefined();
    }
  });
});

/**
 * The regions the pinned AWS provider accepts, by partition. hashicorp/aws 5.100.0 refuses any
 * other region at plan time unless `skip_region_validation` is set: it checks the region against
 * the endpoint metadata of hashicorp/aws-sdk-go-base v2.0.0-beta.65, the version it is built
 * with (validation/region.go SupportedRegion; the list below is endpoints/endpoints_gen.go of
 * that tag, the same list the provider binary embeds). AWS's own list:
 * https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html
 * A region newer than this list is declared in `aws.additionalRegions` (the stacks then set
 * `skip_region_validation`).
 */
export const PROVIDER_REGIONS: Readonly<Record<string, readonly string[]>> = {
  aws: [
    'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-south-2',
    'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7', 'ca-central-1',
    'ca-west-1', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-2', 'eu-west-3',
    'il-central-1', 'me-central-1', 'me-south-1', 'mx-central-1', 'sa-east-1', 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
  ],
  'aws-cn': ['cn-north-1', 'cn-northwest-1'],
  'aws-eusc': ['eusc-de-east-1'],
  'aws-iso': ['us-iso-east-1', 'us-iso-west-1'],
  'aws-iso-b': ['us-isob-east-1'],
  'aws-iso-e': ['eu-isoe-west-1'],
  'aws-iso-f': ['us-isof-east-1', 'us-isof-south-1'],
  'aws-us-gov': ['us-gov-east-1', 'us-gov-west-1'],
};

const PARTITION_OF = new Map(Object.entries(PROVIDER_REGIONS).flatMap(([partition, regions]) => regions.map((region) => [region, partition] as const)));

/** Whether the pinned provider knows the region (without `skip_region_validation`). */
export function isProviderRegion(region: string): boolean {
  return PARTITION_OF.has(region);
}

/** The partition of a region the provider knows; undefined for any other. */
export function providerRegionPartition(region: string): string | undefined {
  return PARTITION_OF.get(region);
}

/** The known region closest to a misspelt one (at most two edits away), for "did you mean". */
export function closestProviderRegion(region: string): string | undefined {
  let best: { region: string; distance: number } | undefined;
  for (const candidate of PARTITION_OF.keys()) {
    const distance = editDistance(region, candidate);
    if (distance <= 2 && (!best || distance < best.distance)) best = { region: candidate, distance };
  }
  return best?.region;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

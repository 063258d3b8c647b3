// Catalog: compute and deployment services (EC2, Lambda, CloudFormation,
// ECS/ECR, Auto Scaling, ELB, RDS). EC2 Describe* polling by tools and
// services is the classic "top API" in real trails, so it weighs heavily.

import type { Ctx, Parts, Template } from './catalog-types.js';
import { arnOf, awsDate, az, drift, res, tags } from './catalog-types.js';
import { roleArn } from './identity.js';
import { CFN, EC2, LAMBDA } from './services.js';


const items = <T>(list: T[]): { items: T[] } => ({ items: list });
const filter = (name: string, value: string) => ({ name, valueSet: items([{ value }]) });

const ec2Read = (name: string, w: number, f?: Template['f']): Template => ({
  source: EC2, name, w, ro: true, who: { h: 2, a: 3, s: 3, p: 1 }, f,
  errs: ['Client.InvalidInstanceID.NotFound', 'Client.RequestLimitExceeded'],
});
const ec2Write = (name: string, w: number, f: Template['f'], who: Template['who'] = { h: 2, a: 4, s: 1 }): Template => ({
  source: EC2, name, w, ro: false, who, f,
  errs: ['Client.UnauthorizedOperation', 'Client.DryRunOperation', 'Client.InvalidParameterValue'],
});

const instanceIds = (c: Ctx, n: number) => items(Array.from({ length: n }, () => ({ instanceId: c.rng.pick(c.acct.instances) })));
const ec2Res = (c: Ctx, type: string, id: string) => [res(c.acct.id, `AWS::EC2::${type}`, arnOf(c, 'ec2', `${type.toLowerCase()}/${id}`))];

function runInstances(c: Ctx): Parts {
  const id = 'i-0' + c.rng.hex(16);
  const ip = `10.0.${c.rng.int(0, 7)}.${c.rng.int(4, 250)}`;
  const zone = az(c);
  const sg = c.rng.pick(c.acct.securityGroups);
  const instanceType = c.rng.pick(['t3.micro', 't3.large', 'm6i.xlarge', 'c7g.2xlarge']);
  return {
    q: {
      instancesSet: items([{ imageId: c.rng.pick(c.acct.amis), minCount: 1, maxCount: 1 }]),
      instanceType,
      blockDeviceMapping: {},
      monitoring: { enabled: false },
      disableApiTermination: false,
      disableApiStop: false,
      clientToken: c.rng.uuid(),
      tagSpecificationSet: items([{ resourceType: 'instance', tags: items([{ key: 'Name', value: 'web' }, { key: 'aws:autoscaling:groupName', value: 'web-asg' }]) }]),
      launchTemplate: { launchTemplateId: 'lt-0' + c.rng.hex(16), version: String(c.rng.int(1, 12)) },
    },
    r: {
      requestId: c.rng.uuid(),
      reservationId: 'r-0' + c.rng.hex(16),
      ownerId: c.acct.id,
      groupSet: {},
      instancesSet: items([{
        instanceId: id, imageId: c.rng.pick(c.acct.amis), currentInstanceBootMode: 'legacy-bios',
        instanceState: { code: 0, name: 'pending' }, privateDnsName: `ip-${ip.replace(/\./g, '-')}.ec2.internal`,
        amiLaunchIndex: 0, productCodes: {}, instanceType, launchTime: Math.floor(c.t / 1000) * 1000,
        placement: { availabilityZone: zone, tenancy: 'default' }, monitoring: { state: 'disabled' },
        subnetId: c.rng.pick(c.acct.subnets), vpcId: c.rng.pick(c.acct.vpcs), privateIpAddress: ip,
        stateReason: { code: 'pending', message: 'pending' }, architecture: 'x86_64', rootDeviceType: 'ebs',
        rootDeviceName: '/dev/xvda', blockDeviceMapping: {}, virtualizationType: 'hvm', hypervisor: 'xen',
        groupSet: items([{ groupId: sg, groupName: 'web' }]), sourceDestCheck: true,
        networkInterfaceSet: items([{ networkInterfaceId: 'eni-0' + c.rng.hex(16), subnetId: c.rng.pick(c.acct.subnets), ownerId: c.acct.id, status: 'in-use', macAddress: `0e:${c.rng.hex(2)}:${c.rng.hex(2)}:${c.rng.hex(2)}:${c.rng.hex(2)}:${c.rng.hex(2)}`, privateIpAddress: ip, sourceDestCheck: true, interfaceType: 'interface', groupSet: items([{ groupId: sg, groupName: 'web' }]), attachment: { attachmentId: 'eni-attach-0' + c.rng.hex(16), deviceIndex: 0, networkCardIndex: 0, status: 'attaching', attachTime: Math.floor(c.t / 1000) * 1000, deleteOnTermination: true } }]),
        ebsOptimized: false, enaSupport: true, cpuOptions: { coreCount: 1, threadsPerCore: 2 },
        capacityReservationSpecification: { capacityReservationPreference: 'open' }, enclaveOptions: { enabled: false },
        metadataOptions: { state: 'pending', httpTokens: 'required', httpPutResponseHopLimit: 2, httpEndpoint: 'enabled', httpProtocolIpv4: 'enabled', httpProtocolIpv6: 'disabled', instanceMetadataTags: 'disabled' },
        maintenanceOptions: { autoRecovery: 'default' },
        privateDnsNameOptions: { hostnameType: 'ip-name', enableResourceNameDnsARecord: false, enableResourceNameDnsAAAARecord: false },
      }]),
      requesterId: '940372691376',
    },
    res: ec2Res(c, 'Instance', id),
  };
}

/** The nested shape real AuthorizeSecurityGroupIngress requests have (also used by the samples story). */
export function ingressRule(port: number, cidr: string, description?: string) {
  const range: Record<string, string> = { cidrIp: cidr };
  if (description) range.description = description;
  return { ipProtocol: 'tcp', fromPort: port, toPort: port, groups: {}, ipRanges: items([range]), ipv6Ranges: {}, prefixListIds: {} };
}

function lambdaConfig(c: Ctx, fn: string, withRole: boolean): Record<string, unknown> {
  const r: Record<string, unknown> = {
    functionName: fn,
    functionArn: arnOf(c, 'lambda', `function:${fn}`),
    runtime: c.rng.pick(['nodejs20.x', 'python3.12']),
  };
  // Lambda reports `role` as a plain ARN string; IAM CreateRole reports an object.
  if (withRole) r.role = roleArn(c.acct.id, '/', `${fn}-lambda-role`);
  Object.assign(r, {
    handler: 'index.handler', codeSize: c.rng.int(1_000, 40_000_000), description: '', timeout: drift(c.rng, 30), memorySize: c.rng.pick([128, 256, 1024]),
    lastModified: new Date(c.t).toISOString().replace('Z', '+0000'), codeSha256: c.rng.alnum(43) + '=', version: '$LATEST',
    tracingConfig: { mode: 'PassThrough' }, revisionId: c.rng.uuid(), state: 'Active', lastUpdateStatus: 'InProgress',
    packageType: 'Zip', architectures: ['arm64'], ephemeralStorage: { size: 512 }, snapStart: { applyOn: 'None', optimizationStatus: 'Off' },
    runtimeVersionConfig: { runtimeVersionArn: `arn:aws:lambda:${c.region}::runtime:${c.rng.hex(64)}` },
    loggingConfig: { logFormat: 'Text', logGroup: `/aws/lambda/${fn}` },
  });
  return r;
}

const cfnStack = (c: Ctx) => {
  const name = c.rng.pick(c.acct.stacks);
  return { name, id: arnOf(c, 'cloudformation', `stack/${name}/${c.rng.uuid()}`) };
};

export const COMPUTE_TEMPLATES: Template[] = [
  // ---- EC2 reads
  ec2Read('DescribeInstances', 22, (c) => ({
    q: c.rng.chance(0.4)
      ? { instancesSet: instanceIds(c, c.rng.int(1, 3)), filterSet: {} }
      : { instancesSet: {}, filterSet: items([filter('instance-state-name', 'running'), filter('tag:Environment', c.rng.pick(['prod', 'staging']))]), maxResults: drift(c.rng, 1000) },
  })),
  ec2Read('DescribeInstanceStatus', 6, (c) => ({ q: { instancesSet: instanceIds(c, c.rng.int(1, 2)), filterSet: {}, includeAllInstances: false } })),
  ec2Read('DescribeSecurityGroups', 9, (c) => ({ q: { securityGroupSet: {}, securityGroupIdSet: items([{ groupId: c.rng.pick(c.acct.securityGroups) }]), filterSet: {} } })),
  ec2Read('DescribeVpcs', 5, (c) => ({ q: { vpcSet: items([{ vpcId: c.rng.pick(c.acct.vpcs) }]), filterSet: {} } })),
  ec2Read('DescribeSubnets', 5, (c) => ({ q: { subnetSet: {}, filterSet: items([filter('vpc-id', c.rng.pick(c.acct.vpcs))]) } })),
  ec2Read('DescribeNetworkInterfaces', 7, (c) => ({ q: { networkInterfaceIdSet: {}, filterSet: items([filter('attachment.instance-id', c.rng.pick(c.acct.instances))]) } })),
  ec2Read('DescribeVolumes', 5, (c) => ({ q: { volumeSet: {}, filterSet: items([filter('attachment.instance-id', c.rng.pick(c.acct.instances))]), maxResults: drift(c.rng, 500) } })),
  ec2Read('DescribeImages', 3, (c) => ({ q: { executableBySet: {}, imagesSet: items([{ imageId: c.rng.pick(c.acct.amis) }]), ownersSet: {}, includeDeprecated: false, includeDisabled: false } })),
  ec2Read('DescribeRegions', 3, () => ({ q: { regionSet: {}, allRegions: false } })),
  ec2Read('DescribeAvailabilityZones', 2, () => ({ q: { availabilityZoneSet: {}, availabilityZoneIdSet: {} } })),
  ec2Read('DescribeTags', 3, (c) => ({ q: { filterSet: items([filter('resource-id', c.rng.pick(c.acct.instances))]) } })),
  ec2Read('DescribeAddresses', 1.5, () => ({ q: { publicIpsSet: {}, allocationIdsSet: {}, filterSet: {} } })),
  ec2Read('DescribeLaunchTemplateVersions', 1.5, (c) => ({ q: { launchTemplateId: 'lt-0' + c.rng.hex(16), versionSet: items([{ item: '$Latest' }]) } })),
  // ---- EC2 writes
  ec2Write('RunInstances', 0.3, runInstances, { s: 3, a: 2, h: 1 }),
  ec2Write('TerminateInstances', 0.25, (c) => ({ q: { instancesSet: instanceIds(c, 1) }, r: { requestId: c.rng.uuid(), instancesSet: items([{ instanceId: c.rng.pick(c.acct.instances), currentState: { code: 32, name: 'shutting-down' }, previousState: { code: 16, name: 'running' } }]) } }), { s: 3, a: 1, h: 1 }),
  ec2Write('StopInstances', 0.15, (c) => ({ q: { instancesSet: instanceIds(c, 1), force: false }, r: { requestId: c.rng.uuid(), instancesSet: items([{ instanceId: c.rng.pick(c.acct.instances), currentState: { code: 64, name: 'stopping' }, previousState: { code: 16, name: 'running' } }]) } })),
  ec2Write('StartInstances', 0.15, (c) => ({ q: { instancesSet: instanceIds(c, 1) }, r: { requestId: c.rng.uuid(), instancesSet: items([{ instanceId: c.rng.pick(c.acct.instances), currentState: { code: 0, name: 'pending' }, previousState: { code: 80, name: 'stopped' } }]) } })),
  ec2Write('CreateTags', 1.2, (c) => { const id = c.rng.pick(c.acct.instances); return { q: { resourcesSet: items([{ resourceId: id }]), tagSet: items([{ key: 'owner', value: c.rng.pick(['orders', 'data', 'platform']) }]) }, r: { requestId: c.rng.uuid(), _return: true }, res: ec2Res(c, 'Instance', id) }; }, { s: 2, a: 3, h: 1 }),
  ec2Write('CreateSecurityGroup', 0.08, (c) => { const id = 'sg-0' + c.rng.hex(16); return { q: { groupName: `svc-${c.rng.hex(4)}`, groupDescription: 'service ingress', vpcId: c.rng.pick(c.acct.vpcs) }, r: { requestId: c.rng.uuid(), _return: true, groupId: id, securityGroupArn: arnOf(c, 'ec2', `security-group/${id}`) } }; }),
  ec2Write('AuthorizeSecurityGroupIngress', 0.1, (c) => {
    const groupId = c.rng.pick(c.acct.securityGroups);
    const port = c.rng.pick([443, 80, 5432, 22]);
    return {
      q: { groupId, ipPermissions: items([ingressRule(port, c.rng.chance(0.15) ? '0.0.0.0/0' : `10.${c.rng.int(0, 3)}.0.0/16`)]) },
      r: { requestId: c.rng.uuid(), _return: true, securityGroupRuleSet: items([{ groupOwnerId: c.acct.id, groupId, securityGroupRuleId: 'sgr-0' + c.rng.hex(16), isEgress: false, ipProtocol: 'tcp', fromPort: port, toPort: port, cidrIpv4: '10.0.0.0/16' }]) },
    };
  }),
  ec2Write('CreateSnapshot', 0.2, (c) => { const id = 'snap-0' + c.rng.hex(16); return { q: { volumeId: 'vol-0' + c.rng.hex(16), description: 'Created by AWS Backup' }, r: { requestId: c.rng.uuid(), snapshotId: id, volumeSize: c.rng.pick([8, 20, 100]), status: 'pending', startTime: c.t, progress: '', ownerId: c.acct.id, encrypted: true } }; }, { s: 1 }),
  ec2Write('CreateNetworkInterface', 0.3, (c) => ({ q: { subnetId: c.rng.pick(c.acct.subnets), description: 'AWS Lambda VPC ENI-orders-api', groupSet: items([{ groupId: c.rng.pick(c.acct.securityGroups) }]) }, r: { requestId: c.rng.uuid(), networkInterface: { networkInterfaceId: 'eni-0' + c.rng.hex(16), subnetId: c.rng.pick(c.acct.subnets), vpcId: c.rng.pick(c.acct.vpcs), availabilityZone: az(c), ownerId: c.acct.id, requesterId: 'AROA' + c.rng.upper(17), requesterManaged: true, status: 'pending', interfaceType: 'lambda' } } }), { s: 1 }),
  ec2Write('DeleteNetworkInterface', 0.25, (c) => ({ q: { networkInterfaceId: 'eni-0' + c.rng.hex(16) }, r: { requestId: c.rng.uuid(), _return: true } }), { s: 1 }),

  // ---- Lambda (management event names carry the API version suffix, as in real logs)
  { source: LAMBDA, name: 'ListFunctions20150331', w: 3, ro: true, who: { h: 1, s: 2, a: 1 }, apiVersion: '2015-03-31', f: (c) => ({ q: c.rng.chance(0.5) ? null : { maxItems: drift(c.rng, 50) } }) },
  { source: LAMBDA, name: 'GetFunction20150331v2', w: 3, ro: true, who: { h: 1, a: 2, s: 1 }, apiVersion: '2015-03-31', errs: ['ResourceNotFoundException'], f: (c) => ({ q: { functionName: c.rng.pick(c.acct.functions) } }) },
  { source: LAMBDA, name: 'GetPolicy20150331v2', w: 1, ro: true, who: { s: 1 }, apiVersion: '2015-03-31', errs: ['ResourceNotFoundException'], errRate: 0.3, f: (c) => ({ q: { functionName: arnOf(c, 'lambda', `function:${c.rng.pick(c.acct.functions)}`) } }) },
  { source: LAMBDA, name: 'UpdateFunctionCode20150331v2', w: 0.3, ro: false, who: { a: 1 }, apiVersion: '2015-03-31', f: (c) => { const fn = c.rng.pick(c.acct.functions); return { q: { functionName: fn, s3Bucket: c.rng.pick(c.acct.buckets), s3Key: `builds/${fn}/${c.rng.hex(40)}.zip`, publish: false, dryRun: false }, r: lambdaConfig(c, fn, true) }; } },
  { source: LAMBDA, name: 'UpdateFunctionConfiguration20150331v2', w: 0.15, ro: false, who: { a: 1, h: 1 }, apiVersion: '2015-03-31', f: (c) => { const fn = c.rng.pick(c.acct.functions); return { q: { functionName: fn, memorySize: c.rng.pick([256, 512]), timeout: drift(c.rng, 30) }, r: lambdaConfig(c, fn, true) }; } },
  { source: LAMBDA, name: 'CreateFunction20150331', w: 0.04, ro: false, who: { a: 2, h: 1 }, apiVersion: '2015-03-31', f: (c) => { const fn = `${c.rng.pick(c.acct.functions)}-${c.rng.hex(4)}`; return { q: { functionName: fn, runtime: 'nodejs20.x', role: roleArn(c.acct.id, '/', `${fn}-lambda-role`), handler: 'index.handler', code: {}, publish: false }, r: lambdaConfig(c, fn, true) }; } },
  {
    source: LAMBDA, name: 'Invoke', w: 14, ro: false, data: true, who: { p: 3, s: 1 }, apiVersion: '2015-03-31', errs: ['TooManyRequestsException'],
    f: (c) => {
      const fn = arnOf(c, 'lambda', `function:${c.rng.pick(c.acct.functions)}`);
      return { q: { functionName: fn, invocationType: c.rng.pick(['RequestResponse', 'Event']), sourceArn: arnOf(c, 'sqs', c.rng.pick(c.acct.queues)) }, x: { functionVersion: `${fn}:$LATEST` }, res: [res(c.acct.id, 'AWS::Lambda::Function', fn)] };
    },
  },

  // ---- CloudFormation
  { source: CFN, name: 'DescribeStacks', w: 7, ro: true, who: { a: 4, h: 1, s: 1 }, errs: ['ValidationError'], f: (c) => ({ q: c.rng.chance(0.3) ? null : { stackName: cfnStack(c).name } }) },
  { source: CFN, name: 'DescribeStackEvents', w: 3, ro: true, who: { a: 3, h: 1 }, f: (c) => ({ q: { stackName: cfnStack(c).id } }) },
  { source: CFN, name: 'ListStacks', w: 1.5, ro: true, who: { h: 1, s: 1 }, f: () => ({ q: { stackStatusFilter: ['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE'] } }) },
  { source: CFN, name: 'DescribeStackResources', w: 1.5, ro: true, who: { a: 1, s: 1 }, f: (c) => ({ q: { stackName: cfnStack(c).name } }) },
  { source: CFN, name: 'GetTemplate', w: 0.8, ro: true, who: { a: 1, h: 1 }, f: (c) => ({ q: { stackName: cfnStack(c).name, templateStage: 'Original' } }) },
  { source: CFN, name: 'CreateChangeSet', w: 0.25, ro: false, who: { a: 1 }, f: (c) => { const s = cfnStack(c); return { q: { stackName: s.name, templateURL: `https://s3.amazonaws.com/${c.rng.pick(c.acct.buckets)}/templates/${s.name}.yaml`, capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'], changeSetName: `${s.name}-${c.rng.hex(8)}`, changeSetType: 'UPDATE', parameters: [{ parameterKey: 'Env', parameterValue: 'prod' }], tags: tags({ team: 'platform' }) }, r: { id: arnOf(c, 'cloudformation', `changeSet/${s.name}-${c.rng.hex(8)}/${c.rng.uuid()}`), stackId: s.id } }; } },
  { source: CFN, name: 'ExecuteChangeSet', w: 0.2, ro: false, who: { a: 1 }, f: (c) => { const s = cfnStack(c); return { q: { changeSetName: arnOf(c, 'cloudformation', `changeSet/${s.name}-${c.rng.hex(8)}/${c.rng.uuid()}`), stackName: s.name } }; } },
  { source: CFN, name: 'ValidateTemplate', w: 0.3, ro: true, who: { a: 1 }, f: (c) => ({ q: { templateBody: `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Queue${c.rng.int(1, 9)}:\n    Type: AWS::SQS::Queue\n` } }) },

  // ---- Containers, scaling, load balancing, databases
  { source: 'ecr.amazonaws.com', name: 'GetAuthorizationToken', w: 5, ro: true, who: { p: 2, a: 2, s: 1 }, f: () => ({ q: { registryIds: [] } }) },
  { source: 'ecr.amazonaws.com', name: 'BatchGetImage', w: 2, ro: true, who: { p: 1, s: 1 }, f: (c) => ({ q: { registryId: c.acct.id, repositoryName: c.rng.pick(['orders-api', 'checkout', 'etl']), imageIds: [{ imageTag: c.rng.pick(['latest', 'v1.42.0', `sha-${c.rng.hex(7)}`]) }], acceptedMediaTypes: ['application/vnd.docker.distribution.manifest.v2+json', 'application/vnd.oci.image.manifest.v1+json'] } }) },
  { source: 'ecs.amazonaws.com', name: 'DescribeServices', w: 2, ro: true, who: { a: 1, s: 1, h: 1 }, f: (c) => ({ q: { cluster: 'prod', services: [arnOf(c, 'ecs', 'service/prod/checkout')] } }) },
  { source: 'ecs.amazonaws.com', name: 'DescribeTasks', w: 2, ro: true, who: { s: 1, a: 1 }, f: (c) => ({ q: { cluster: 'prod', tasks: [c.rng.hex(32)], include: ['TAGS'] } }) },
  { source: 'ecs.amazonaws.com', name: 'RegisterTaskDefinition', w: 0.1, ro: false, who: { a: 1 }, f: (c) => ({ q: { family: 'checkout', taskRoleArn: roleArn(c.acct.id, '/', 'checkout-ecs-task-role'), networkMode: 'awsvpc', containerDefinitions: [{ name: 'app', image: `${c.acct.id}.dkr.ecr.${c.region}.amazonaws.com/checkout:sha-${c.rng.hex(7)}`, cpu: 512, memory: 1024, essential: true, portMappings: [{ containerPort: 8080, protocol: 'tcp' }] }], requiresCompatibilities: ['FARGATE'], cpu: '512', memory: '1024' } }) },
  { source: 'autoscaling.amazonaws.com', name: 'DescribeAutoScalingGroups', w: 2.5, ro: true, who: { s: 1, a: 1 }, f: (c) => ({ q: c.rng.chance(0.5) ? { autoScalingGroupNames: ['web-asg'] } : { maxRecords: drift(c.rng, 100) } }) },
  { source: 'elasticloadbalancing.amazonaws.com', name: 'DescribeTargetHealth', w: 3, ro: true, who: { s: 1, a: 1 }, apiVersion: '2015-12-01', f: (c) => ({ q: { targetGroupArn: arnOf(c, 'elasticloadbalancing', `targetgroup/web-tg/${c.rng.hex(16)}`) } }) },
  { source: 'elasticloadbalancing.amazonaws.com', name: 'DescribeLoadBalancers', w: 1.5, ro: true, who: { s: 1, a: 1, h: 1 }, apiVersion: '2015-12-01', f: (c) => ({ q: { pageSize: drift(c.rng, 400) } }) },
  { source: 'elasticloadbalancing.amazonaws.com', name: 'RegisterTargets', w: 0.2, ro: false, who: { s: 1 }, apiVersion: '2015-12-01', f: (c) => ({ q: { targetGroupArn: arnOf(c, 'elasticloadbalancing', `targetgroup/web-tg/${c.rng.hex(16)}`), targets: [{ id: c.rng.pick(c.acct.instances), port: 8080 }] } }) },
  { source: 'rds.amazonaws.com', name: 'DescribeDBInstances', w: 2.5, ro: true, who: { s: 1, a: 1, h: 1 }, apiVersion: '2014-10-31', f: (c) => ({ q: c.rng.chance(0.5) ? { dBInstanceIdentifier: 'orders-db' } : { maxRecords: drift(c.rng, 100) } }) },
  { source: 'rds.amazonaws.com', name: 'CreateDBSnapshot', w: 0.05, ro: false, who: { s: 1, h: 1 }, apiVersion: '2014-10-31', f: (c) => ({ q: { dBSnapshotIdentifier: `orders-db-manual-${c.rng.hex(6)}`, dBInstanceIdentifier: 'orders-db' }, r: { dBSnapshotIdentifier: `orders-db-manual-${c.rng.hex(6)}`, dBInstanceIdentifier: 'orders-db', snapshotCreateTime: awsDate(c.t), engine: 'postgres', allocatedStorage: 100, status: 'creating', port: 5432, availabilityZone: az(c), vpcId: c.rng.pick(c.acct.vpcs), masterUsername: 'orders', engineVersion: '16.1', licenseModel: 'postgresql-license', snapshotType: 'manual', encrypted: true, storageType: 'gp3' } }) },
];

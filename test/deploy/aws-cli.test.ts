import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deployRegion } from '../../src/deploy/aws-cli.ts';

/** An AWS CLI that knows only `configure get region` (answering `configured`) and records its calls. */
function fakeAws(configured: string | undefined) {
  const calls: string[][] = [];
  const aws = async (args: string[]) => {
    calls.push(args);
    if (args.join(' ') !== 'configure get region' || configured === undefined) throw new Error('exit 1');
    return `${configured}\n`;
  };
  return { aws, calls };
}

test('the deploy region: --region, then AWS_REGION, AWS_DEFAULT_REGION, then the profile', async () => {
  const { aws, calls } = fakeAws('ap-south-1');
  assert.equal(await deployRegion('eu-west-1', aws, { AWS_REGION: 'us-west-2' }), 'eu-west-1');
  assert.equal(
    await deployRegion(undefined, aws, { AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'x' }),
    'us-west-2',
  );
  assert.equal(await deployRegion(undefined, aws, { AWS_DEFAULT_REGION: 'eu-north-1' }), 'eu-north-1');
  assert.equal(calls.length, 0, 'the configuration is read only when nothing else says');
  assert.equal(await deployRegion(undefined, aws, {}), 'ap-south-1');
  assert.deepEqual(calls, [['configure', 'get', 'region']]);
});

test('no region anywhere (or no AWS CLI) is undefined, not an error', async () => {
  assert.equal(await deployRegion(undefined, fakeAws(undefined).aws, {}), undefined);
  assert.equal(await deployRegion('', fakeAws('  \n').aws, {}), undefined);
});

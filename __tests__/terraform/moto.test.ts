/**
 * The moto that the apply suite and `npm run local` start (src/local/moto.ts): it answers as the
 * account it was given, and it sends each response whole, headers and body in one segment. The
 * AWS provider's HTTP client sometimes drops a connection whose body arrives after its headers.
 * The SDK then retries, and a retried CreateRepository fails with
 * RepositoryAlreadyExistsException (the reason is in MOTO_SITECUSTOMIZE).
 */
import * as net from 'node:net';
import { startMoto, type MotoServer } from '../../src/local/moto';
import { createRepository } from '../../src/local/aws-api';

let moto: MotoServer | undefined;

afterAll(async () => {
  await moto?.stop();
});

/** The first chunk the socket delivers for one raw HTTP/1.1 request, and the whole response. */
function firstChunk(port: number, request: string): Promise<{ first: string; whole: string }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve({ first: chunks[0]?.toString() ?? '', whole: Buffer.concat(chunks).toString() }));
  });
}

/** Whether a response's first chunk holds its headers and all of the body that Content-Length announces. */
function complete(first: string): boolean {
  const [head, body = ''] = first.split('\r\n\r\n');
  const length = /\r\ncontent-length: *(\d+)/i.exec(head)?.[1];
  return length !== undefined && Buffer.byteLength(body) === Number(length);
}

test('moto answers as the given account and sends every response in one piece', async () => {
  moto = await startMoto('210987654321', process.env);
  const { repositoryArn } = await createRepository(moto.url, 'eu-central-1', { name: 'probe/one-piece' });
  expect(repositoryArn).toBe('arn:aws:ecr:eu-central-1:210987654321:repository/probe/one-piece');
  // DescribeRepositories as the provider sends it (moto routes on the credential scope, and does
  // not check the signature).
  const body = '{}';
  const request = [
    'POST / HTTP/1.1',
    `Host: 127.0.0.1:${moto.port}`,
    'Content-Type: application/x-amz-json-1.1',
    'X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.DescribeRepositories',
    'Authorization: AWS4-HMAC-SHA256 Credential=local/20261203/eu-central-1/ecr/aws4_request, SignedHeaders=host, Signature=0',
    `Content-Length: ${body.length}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
  const responses = await Promise.all(Array.from({ length: 20 }, () => firstChunk(moto!.port, request)));
  expect(responses.map((r) => [r.whole.split('\r\n')[0], r.whole.includes('"repositoryName": "probe/one-piece"')])).toEqual(Array(20).fill(['HTTP/1.1 200 OK', true]));
  expect(responses.filter((r) => !complete(r.first)).map((r) => r.first.slice(0, 300))).toEqual([]);
});

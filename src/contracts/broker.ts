/**
 * Publishes pact files to a Pact Broker. pact-js 16 publishes verification results itself (Verifier options) but
 * has no API to publish pacts, so this sends the broker's own publish call (`POST /contracts/publish`, Pact Broker
 * 2.86+ and PactFlow), the one `pact-broker publish` sends.
 */
import { readFileSync } from 'node:fs';

export interface PublishOptions {
  brokerUrl: string;
  brokerToken?: string;
  /** The consumer's version the pacts belong to. */
  consumerVersion: string;
  branch?: string;
  buildUrl?: string;
}

export interface PublishedPact {
  file: string;
  consumer: string;
  provider: string;
}

export async function publishPacts(files: string[], options: PublishOptions): Promise<PublishedPact[]> {
  const published: PublishedPact[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const pact = JSON.parse(text) as { consumer: { name: string }; provider: { name: string } };
    const body = {
      pacticipantName: pact.consumer.name,
      pacticipantVersionNumber: options.consumerVersion,
      ...(options.branch ? { branch: options.branch } : {}),
      ...(options.buildUrl ? { buildUrl: options.buildUrl } : {}),
      contracts: [{
        consumerName: pact.consumer.name,
        providerName: pact.provider.name,
        specification: 'pact',
        contentType: 'application/json',
        content: Buffer.from(text).toString('base64'),
      }],
    };
    const response = await fetch(`${options.brokerUrl.replace(/\/+$/, '')}/contracts/publish`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/hal+json, application/json',
        ...(options.brokerToken ? { authorization: `Bearer ${options.brokerToken}` } : {}),
      },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`the broker refused ${file}: ${response.status} ${(await response.text()).slice(0, 500)}`);
    published.push({ file, consumer: pact.consumer.name, provider: pact.provider.name });
  }
  return published;
}

// Writes web archives (WARC 1.1) for the batch tests and the batch benchmark:
// records as Common Crawl writes them (a warcinfo record, then a request and
// a response per page), plain or gzipped per record or as a whole.
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';

const CRLF = '\r\n';
const DATE = '2024-05-01T12:00:00Z';

/**
 * One WARC record.
 * @param {{ type: string, uri?: string, contentType?: string, block: Buffer | string, headers?: Record<string, string> }} r
 */
export function warcRecord({ type, uri, contentType, block, headers = {} }) {
  const body = Buffer.isBuffer(block) ? block : Buffer.from(block, 'utf8');
  const lines = ['WARC/1.1', `WARC-Type: ${type}`, `WARC-Date: ${DATE}`, `WARC-Record-ID: <urn:uuid:${randomUUID()}>`];
  if (uri) lines.push(`WARC-Target-URI: ${uri}`);
  if (contentType) lines.push(`Content-Type: ${contentType}`);
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  lines.push(`Content-Length: ${body.length}`);
  return Buffer.concat([Buffer.from(lines.join(CRLF) + CRLF + CRLF, 'latin1'), body, Buffer.from(CRLF + CRLF)]);
}

/** An HTTP response (status line, headers, body) as a response record's block. */
export function httpResponse({ status = 200, contentType = 'text/html', headers = {}, body }) {
  const payload = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const lines = [`HTTP/1.1 ${status} ${status === 200 ? 'OK' : 'Status'}`];
  if (contentType) lines.push(`Content-Type: ${contentType}`);
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  lines.push(`Content-Length: ${payload.length}`);
  return Buffer.concat([Buffer.from(lines.join(CRLF) + CRLF + CRLF, 'latin1'), payload]);
}

export const warcinfo = () => warcRecord({
  type: 'warcinfo', contentType: 'application/warc-fields', block: 'software: quietpage tests\r\nformat: WARC File Format 1.1\r\n',
});

/** A request record and the response record of a page. */
export function pageRecords(url, response) {
  return [
    warcRecord({ type: 'request', uri: url, contentType: 'application/http; msgtype=request', block: `GET / HTTP/1.1\r\nHost: example\r\n\r\n` }),
    warcRecord({ type: 'response', uri: url, contentType: 'application/http; msgtype=response', block: httpResponse(response) }),
  ];
}

/**
 * The archive's bytes.
 * @param {Buffer[]} records
 * @param {'none' | 'record' | 'whole'} gzip per record (Common Crawl's .warc.gz), the whole file, or not at all
 */
export function warcFile(records, gzip = 'none') {
  if (gzip === 'record') return Buffer.concat(records.map((record) => gzipSync(record)));
  const plain = Buffer.concat(records);
  return gzip === 'whole' ? gzipSync(plain) : plain;
}

/** Sends bytes no HTTP client would send (a broken request line, unframed bodies) and reads the answer off the socket. */
import { connect } from 'node:net';

export interface SocketAnswer {
  status: number;
  headers: Record<string, string>;
  /** The body as framed by content-length when there is one, else everything after the head. */
  body: string;
  /** What came after that body: another response to a pipelined request, or nothing. */
  after: string;
}

export function sendRawBytes(baseUrl: string, bytes: Uint8Array | string): Promise<SocketAnswer> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const headers = Object.fromEntries(
        headerLines.map((line) => [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      const all = rest.join('\r\n\r\n');
      const length = headers['content-length'] === undefined ? all.length : Number(headers['content-length']);
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: all.slice(0, length), after: all.slice(length) });
    });
    socket.end(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  });
}

// The comparison for `npm run bench`: a bare pass-through proxy, a few lines of Node http that
// forward every request to the same upstream (the SSP's getcarerecord) with the same TLS agent.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';

const upstream = process.env.UPSTREAM_URL;
const headers = JSON.parse(process.env.UPSTREAM_HEADERS);
const body = process.env.UPSTREAM_BODY;
const dispatcher = new Agent({
  connect: { cert: readFileSync(process.env.TLS_CLIENT_CERT), key: readFileSync(process.env.TLS_CLIENT_KEY), ca: readFileSync(process.env.TLS_CA) },
});

createServer(async (req, res) => {
  const answer = await request(upstream, { method: 'POST', headers: { ...headers, 'ssp-traceid': crypto.randomUUID() }, body, dispatcher });
  res.writeHead(answer.statusCode, { 'content-type': answer.headers['content-type'] });
  res.end(Buffer.from(await answer.body.arrayBuffer()));
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));

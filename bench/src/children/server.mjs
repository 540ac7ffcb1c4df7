// Canned-JSON server on 127.0.0.1 (random port) for the client-overhead part. Prints
// {"port":N} once listening; keep-alive 60 s; exits on SIGTERM after closing connections.
// Bodies are the documented example responses from the specs (via @switchboard/mocks),
// so every client parses a response its own schema describes.
import http from 'node:http';
import { retellAiExamples, telnyxExamples } from '@switchboard/mocks';

const example = (catalog, fn) => catalog.examples.find((e) => e.function === fn).response;
const sms = example(telnyxExamples, 'telnyx.send_sms');
const list = structuredClone(example(telnyxExamples, 'telnyx.list_phone_numbers'));
// Four numbers on the page instead of one, closer to a real list response.
list.body.data = [0, 1, 2, 3].map((i) => ({ ...list.body.data[0], id: `129338426107573149${i}`, phone_number: `+1312555012${i}` }));
list.body.meta = { ...list.body.meta, page_size: 20, total_results: 4 };
const one = example(telnyxExamples, 'telnyx.get_phone_number');
const call = example(retellAiExamples, 'retell-ai.create_phone_call');

const routes = new Map([
  ['POST /v2/messages', sms],
  ['GET /v2/phone_numbers', list],
  [`GET /v2/phone_numbers/${one.body.data.id}`, one],
  ['POST /v2/create-phone-call', call],
]);
const encoded = new Map([...routes].map(([k, r]) => [k, { status: r.status, body: Buffer.from(JSON.stringify(r.body)) }]));

const server = http.createServer((req, res) => {
  const key = `${req.method} ${req.url.split('?')[0]}`;
  const r = encoded.get(key);
  req.resume();
  req.on('end', () => {
    if (!r) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"errors":[{"detail":"no route"}]}');
      return;
    }
    res.writeHead(r.status, { 'content-type': 'application/json', 'content-length': r.body.length, 'x-request-id': 'req_bench' });
    res.end(r.body);
  });
});
server.keepAliveTimeout = 60_000;
server.headersTimeout = 61_000;
server.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ port: server.address().port, bodyBytes: Object.fromEntries([...encoded].map(([k, v]) => [k, v.body.length])) }));
});
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});

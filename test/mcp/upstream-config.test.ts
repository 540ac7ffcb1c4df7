import { describe, expect, it } from 'vitest';
import { parseUpstreamConfig } from '../../packages/cli/src/upstream/config.js';
import { startsThisGateway } from '../../packages/cli/src/upstream/hub.js';

const FILE = '/home/me/.switchboard/mcp.json';
const parse = (value: unknown) => () => parseUpstreamConfig(JSON.stringify(value), FILE);

describe('the upstream MCP servers file', () => {
  it('reads stdio and URL entries in the mcpServers shape MCP clients use', () => {
    const servers = parseUpstreamConfig(
      JSON.stringify({
        mcpServers: {
          files: { command: 'npx', args: ['-y', 'files-server'], env: { ROOT: '/tmp' }, write: 'deny' },
          remote: { url: 'https://mcp.example.com/mcp', headers: { authorization: 'Bearer x' } },
        },
      }),
      FILE,
    );
    expect(servers).toEqual([
      { name: 'files', write: 'deny', transport: { kind: 'stdio', command: 'npx', args: ['-y', 'files-server'], env: { ROOT: '/tmp' } } },
      { name: 'remote', write: null, transport: { kind: 'http', url: 'https://mcp.example.com/mcp', headers: { authorization: 'Bearer x' } } },
    ]);
  });

  it.each([
    ['not JSON', null, `${FILE} is not valid JSON`],
    ['no mcpServers', { servers: {} }, `${FILE} must be an object with "mcpServers"`],
    ['neither command nor url', { mcpServers: { a: { args: [] } } }, `${FILE}: mcpServers.a needs "command" (a program to start) or "url".`],
    ['both command and url', { mcpServers: { a: { command: 'x', url: 'http://h/' } } }, 'has both "command" and "url"'],
    ['a URL that is not http(s)', { mcpServers: { a: { url: 'file:///etc/passwd' } } }, 'mcpServers.a.url must be an http(s) URL'],
    ['args that are not strings', { mcpServers: { a: { command: 'x', args: [1] } } }, 'mcpServers.a.args must be an array of strings.'],
    ['env values that are not strings', { mcpServers: { a: { command: 'x', env: { A: 1 } } } }, 'mcpServers.a.env must be an object of strings.'],
    ['an unknown write policy', { mcpServers: { a: { command: 'x', write: 'maybe' } } }, 'mcpServers.a.write takes "allow" or "deny", not "maybe".'],
    ['a name with __', { mcpServers: { a__b: { command: 'x' } } }, "a server name takes letters, digits, '_' and '-'"],
    ['a name that is not an identifier', { mcpServers: { '1 server': { command: 'x' } } }, 'starts with a letter'],
  ])('refuses %s, naming the file and entry', (_case, value, message) => {
    const run = value === null ? () => parseUpstreamConfig('{ nope', FILE) : parse(value);
    expect(run).toThrow(message);
  });
});

describe('a stdio entry that starts this gateway is recognised before it is started', () => {
  it.each([
    [['switchboard', 'mcp', 'serve'], true],
    [['npx', '-y', 'switchboard', 'mcp', 'serve', '--sandbox'], true],
    [['/usr/bin/node', '/repo/packages/cli/bin/switchboard.js', 'mcp', 'serve'], true],
    [['node', '/repo/packages/cli/dist/bin.js', 'mcp', 'serve', '--write', 'allow'], true],
    [['switchboard', 'mcp', 'config'], false],
    [['node', 'other-server.js', 'mcp', 'serve'], false],
    [['npx', 'files-server'], false],
  ])('%j → %s', (words, expected) => {
    const [command, ...args] = words as [string, ...string[]];
    expect(startsThisGateway({ kind: 'stdio', command, args })).toBe(expected);
  });
});

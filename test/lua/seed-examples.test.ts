/**
 * The Lua examples of the five catalog pages Switchboard replaces
 * (shared/seeds/*.txt), run in the real Lua VM against the mock handlers.
 * Each runs unchanged where the real API allows it; otherwise the table gives
 * the adapted example and why the original cannot work against the real API.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLua } from '@switchboard/lua';
import { luaHost } from '../../packages/cli/dist/lua-bridge.js';
import type { InvokeContext } from '../../packages/cli/dist/invoke.js';
import { SEEDS, seededProviders, SKIP_WITHOUT_SEEDS } from '../support.js';


type Verdict = { runs: 'unchanged' } | { adapted: string; because: string } | { fails: RegExp; because: string };

const verdicts: Record<string, Verdict> = {
  'telnyx#0': { runs: 'unchanged' },
  'telnyx#1': { runs: 'unchanged' },
  'telnyx#2': {
    because: 'Telnyx has no message list: list_messages returns messaging detail records, which name the numbers cli/cld and carry no text.',
    adapted: `local result = app.integrations.telnyx.list_messages({ direction = "outbound", page_size = 50 })
for _, record in ipairs(result.data) do
  print(record.cli .. " -> " .. record.cld .. ": " .. record.status)
end`,
  },
  'telnyx#3': {
    because: 'A sent message has a status per recipient, in data.to[i].status; there is no data.status.',
    adapted: `local result = app.integrations.telnyx.send_sms({ from = "+12345678900", to = "+19876543210", text = "Hello from Telnyx!" })
print("Message ID: " .. result.data.id)
print("Status: " .. result.data.to[1].status)`,
  },
  'telnyx#4': {
    because: 'Call Control has no list of calls; list_calls returns call events, named by `name`, without a call status.',
    adapted: `local result = app.integrations.telnyx.list_calls({ filter_status = "completed", page_size = 20 })
for _, event in ipairs(result.data) do
  print("Call: " .. event.call_session_id .. " - " .. event.name)
end`,
  },
  'telnyx#5': {
    because: 'Calls are looked up by call_control_id, not call_session_id, and report is_alive and call_duration instead of status and duration.',
    adapted: `local result = app.integrations.telnyx.get_call({ call_control_id = "v3:MdI91X4lWFEs7IgbBEOT9M4AigoY08M0WWZFISt1Yw2axZ_IiE4pqg" })
print("Alive: " .. tostring(result.data.is_alive))
print("Duration: " .. result.data.call_duration .. "s")`,
  },
  'telnyx#6': {
    because: 'Recordings report duration_millis, and download_urls is an object {mp3, wav}, not a list.',
    adapted: `local result = app.integrations.telnyx.list_call_records({ filter_call_session_id = "0ccc7b54-4e3a-4fa1-8c3f-5d2e3f4a5b6c" })
for _, rec in ipairs(result.data) do
  print("Recording: " .. rec.id .. " - " .. rec.duration_millis / 1000 .. "s")
  print("Download: " .. rec.download_urls.mp3)
end`,
  },
  'telnyx#7': {
    because: '"+1..." is a placeholder, not a phone number: validation refuses it before any request. Named accounts work as shown.',
    adapted: `app.integrations.telnyx.send_sms({ from = "+13125550123", to = "+19175550188", text = "Hi" })
app.integrations.telnyx.work.send_sms({ from = "+13125550123", to = "+19175550188", text = "Hi" })
app.integrations.telnyx.personal.send_sms({ from = "+13125550123", to = "+19175550188", text = "Hi" })`,
  },
  'plivo#0': {
    because: 'Plivo message records name the numbers from_number and to_number, not from and to.',
    adapted: `local result = app.integrations.plivo.list_messages({ limit = 10, message_direction = "outbound" })
for _, msg in ipairs(result.objects) do
  print(msg.message_uuid .. ": " .. msg.from_number .. " -> " .. msg.to_number .. " [" .. msg.message_state .. "]")
end`,
  },
  'plivo#1': { runs: 'unchanged' },
  'plivo#2': { runs: 'unchanged' },
  'plivo#3': { runs: 'unchanged' },
  'plivo#4': {
    because: 'Call detail records carry from_number, to_number and call_state; from, to and call_status exist only on live calls.',
    adapted: `local result = app.integrations.plivo.list_calls({ limit = 10, call_direction = "inbound" })
for _, call in ipairs(result.objects) do
  print(call.call_uuid .. ": " .. call.from_number .. " -> " .. call.to_number .. " [" .. call.call_state .. "]")
end`,
  },
  'plivo#5': {
    because: 'A call record has from_number, to_number, call_duration and call_state.',
    adapted: `local result = app.integrations.plivo.get_call({ call_id = "abc123-def456-789" })
print("From: " .. result.from_number .. " -> To: " .. result.to_number)
print("Duration: " .. tostring(result.call_duration) .. "s")
print("Status: " .. result.call_state)`,
  },
  'plivo#6': { runs: 'unchanged' },
  'plivo#7': {
    because: 'function_name({...}) is a placeholder; here with a real function.',
    adapted: `app.integrations.plivo.list_applications({})
app.integrations.plivo.default.list_applications({})
app.integrations.plivo.us.list_applications({})
app.integrations.plivo.uk.list_applications({})`,
  },
  'sinch#0': {
    because: 'The original misses the commas between table fields, a Lua syntax error.',
    adapted: `local result = app.integrations.sinch.sinch_list_messages({
  direction = "mt",
  page = 0,
  page_size = 30
})`,
  },
  'sinch#1': {
    because: 'The original misses the commas between table fields, a Lua syntax error.',
    adapted: `local result = app.integrations.sinch.sinch_send_sms({
  from = "+1234567890",
  to = {"+1987654321"},
  body = "Hello from Sinch!"
})`,
  },
  'sinch#2': {
    because: 'Missing commas; and the Numbers API pages with a token, not a page number, and requires region_code and type.',
    adapted: `local result = app.integrations.sinch.sinch_list_phone_numbers({
  region_code = "US",
  type = "LOCAL",
  page_size = 30
})`,
  },
  'sinch#3': { runs: 'unchanged' },
  'sinch#4': {
    because: 'The original misses the commas between table fields, a Lua syntax error.',
    adapted: `local result = app.integrations.sinch.sinch_list_groups({
  page = 0,
  page_size = 30
})`,
  },
  'sinch#5': { runs: 'unchanged' },
  'sinch#6': {
    because: 'The original misses the commas between table fields, a Lua syntax error.',
    adapted: `local result = app.integrations.sinch.sinch_list_batches({
  page = 0,
  page_size = 30
})`,
  },
  'sinch#7': {
    because: 'function_name({...}) is a placeholder; here with a real function.',
    adapted: `app.integrations.sinch.list_groups({})
app.integrations.sinch.default.list_groups({})
app.integrations.sinch.work.list_groups({})
app.integrations.sinch.personal.list_groups({})`,
  },
  'dialpad#0': {
    because: 'GET /api/v2/call takes no limit, and calls name the other party external_number (there is no from_number).',
    adapted: `local result = app.integrations.dialpad.list_calls({})
for _, call in ipairs(result.items or {}) do
  print(call.direction .. " call from " .. (call.external_number or "unknown"))
end`,
  },
  'dialpad#1': {
    because: 'GET /api/v2/call takes no limit. os.time() seconds are fine: startTime/endTime are sent in milliseconds.',
    adapted: `local now = os.time()
local result = app.integrations.dialpad.list_calls({
  startTime = now - 86400,
  endTime = now
})`,
  },
  'dialpad#2': {
    because: 'Call ids are integers, and durations are in milliseconds.',
    adapted: `local result = app.integrations.dialpad.get_call({ id = 6247374124580864 })
print("Duration: " .. (result.duration or 0) / 1000 .. " seconds")`,
  },
  'dialpad#3': {
    because: 'Dialpad has no API that lists SMS; the call fails before any request, saying so and naming the alternatives.',
    fails: /dialpad\.list_sms is not available: .*stats/,
  },
  'dialpad#4': { runs: 'unchanged' },
  'dialpad#5': { runs: 'unchanged' },
  'dialpad#6': { runs: 'unchanged' },
  'dialpad#7': {
    because: 'Users have an emails list, not an email field.',
    adapted: `local result = app.integrations.dialpad.get_current_user({})
print("Connected as: " .. result.first_name .. " " .. result.last_name)
print("Email: " .. result.emails[1])`,
  },
  'dialpad#8': {
    because: 'GET /api/v2/call takes no limit.',
    adapted: `app.integrations.dialpad.list_calls({})
app.integrations.dialpad.default.list_calls({})
app.integrations.dialpad.work.list_calls({})
app.integrations.dialpad.support.list_calls({})`,
  },
  'retell-ai#0': {
    because: 'The v3 list-calls filter names agents as agent = {{agent_id = ...}}; the old filter = {agent_id = ...} is refused rather than silently ignored.',
    adapted: `local call = app.integrations.retell_ai.create_call({
  agent_id = "agent_123",
  metadata = {customer_id = "cus_123"},
  options = { from_number = "+14155550100", to_number = "+14155550199" }
})
local web_call = app.integrations.retell_ai.create_web_call({ data = {agent_id = "agent_123"} })
local calls = app.integrations.retell_ai.list_calls({ filter = { agent = {{agent_id = "agent_123"}} } })
local details = app.integrations.retell_ai.get_call({call_id = "call_123"})
app.integrations.retell_ai.update_call({ call_id = "call_123", metadata = {reviewed = true} })
app.integrations.retell_ai.stop_call({call_id = "call_123"})
app.integrations.retell_ai.delete_call({call_id = "call_123"})`,
  },
  'retell-ai#1': {
    because: 'Agents have no prompt: they need a response_engine; the prompt lives on a Retell LLM (api_post /create-retell-llm).',
    adapted: `local agents = app.integrations.retell_ai.list_agents({})
local agent = app.integrations.retell_ai.get_agent({agent_id = "agent_123"})
local created = app.integrations.retell_ai.create_agent({
  voice_id = "11labs-Adrian",
  response_engine = { type = "retell-llm", llm_id = "llm_123" },
  options = { agent_name = "Scheduling Agent" }
})
app.integrations.retell_ai.update_agent({ agent_id = "agent_123", data = {agent_name = "Updated Agent"} })
app.integrations.retell_ai.delete_agent({agent_id = "agent_123"})`,
  },
  'retell-ai#2': { runs: 'unchanged' },
  'retell-ai#3': { runs: 'unchanged' },
  // Runs as written: the generic helpers take any relative path. Against the live API its first path,
  // /list-conversation-flows, is the deprecated spelling of /v2/list-conversation-flows (see api_get's docs).
  'retell-ai#4': { runs: 'unchanged' },
  'retell-ai#5': {
    because: 'The v3 list-calls filter names agents as agent = {{agent_id = ...}}.',
    adapted: `app.integrations.retell_ai.list_agents({})
app.integrations.retell_ai.default.list_agents({})
app.integrations.retell_ai.production.list_calls({ filter = { agent = {{agent_id = "agent_123"}} } })`,
  },
};

function seedBlocks(provider: string): string[] {
  const text = readFileSync(join(SEEDS, `${provider}.txt`), 'utf8');
  return [...text.slice(text.indexOf('Raw agent markdown')).matchAll(/```lua\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

function sandboxContext(): InvokeContext {
  return { settings: { providers: {} }, env: { SWITCHBOARD_HOME: mkdtempSync(join(tmpdir(), 'switchboard-seed-')) }, sandbox: true, force: true, dryRun: false, log: [] };
}

// Providers added after the seed pages have none; the verdicts below are for those that do.
const cases = seededProviders().flatMap((p) => seedBlocks(p).map((code, i) => ({ key: `${p}#${i}`, code })));

describe.skipIf(cases.length === 0)(`the seed pages' Lua examples ${cases.length ? '' : SKIP_WITHOUT_SEEDS}`, () => {
  it('has a verdict for every seed example, and every verdict has a seed example', () => {
    expect(cases.map((c) => c.key).sort()).toEqual(Object.keys(verdicts).sort());
  });

  it.each(cases.map((c) => [c.key, c] as const))('%s', async (key, { code }) => {
    const verdict = verdicts[key]!;
    if ('runs' in verdict) {
      const run = await runLua(code, luaHost(sandboxContext()), { cpuMs: 5_000 });
      expect(run.error).toBeNull();
      return;
    }
    // The original must really fail against the real API's shape; otherwise the adaptation is unjustified.
    const original = await runLua(code, luaHost(sandboxContext()), { cpuMs: 5_000 });
    expect(original.ok).toBe(false);
    if ('fails' in verdict) {
      expect(original.error!.message).toMatch(verdict.fails);
      return;
    }
    const adapted = await runLua(verdict.adapted, luaHost(sandboxContext()), { cpuMs: 5_000 });
    expect(adapted.error).toBeNull();
    expect(adapted.ok).toBe(true);
  });
});

/**
 * Compile-time contract of the generated clients, checked by `tsc` in the test
 * command: every `@ts-expect-error` line must be an error, or the build fails.
 */
import TelnyxDefault, { Telnyx } from '@switchboard/telnyx';
import { Sinch } from '@switchboard/sinch';
import { Retell, type CreateAgentParams } from '@switchboard/retell-ai';
import { Plivo } from '@switchboard/plivo';
import { Dialpad } from '@switchboard/dialpad';

const telnyx = new Telnyx({ apiKey: 'key' });
// The default export is the client class, as in the providers' own SDKs.
const telnyxByDefault: Telnyx = new TelnyxDefault({ apiKey: 'key' });
void telnyxByDefault;
const sinch = new Sinch({ servicePlanId: 'plan', apiToken: 'token', region: 'eu' });
const retell = new Retell({ apiKey: 'key' });
const plivo = new Plivo({ authId: 'id', authToken: 'token' });
const dialpad = new Dialpad({ apiKey: 'key' });

export async function wellTyped(): Promise<void> {
  const sent = await telnyx.sendSms({ from: '+13125550123', to: '+19175550188', text: 'hi' });
  const id: string = sent.data.id;
  void id;
  for await (const number of telnyx.listPhoneNumbersItems({ filter_status: 'active' })) {
    const phone: string = number.phone_number;
    void phone;
  }
  await sinch.listMessages({ direction: 'mo', to: '+13125550123' });
  await retell.createPhoneCall({ options: { from_number: '+14155550100', to_number: '+14155550199' } });
  // Required groups: exactly one sender; at least one of text and media.
  await plivo.sendSms({ src: '14155552671', dst: '14155552672', text: 'hi' });
  await plivo.sendSms({ powerpack_uuid: 'pp-1', dst: '14155552672', text: 'hi' });
  await dialpad.sendSms({ to: '+14155551234', media: 'aGk=' });
  await dialpad.sendSms({ to: '+14155551234', text: 'hi', media: 'aGk=' });
}

export async function illTyped(): Promise<void> {
  // @ts-expect-error a missing required parameter (`to`) is a compile error
  await telnyx.sendSms({ text: 'hi' });
  // @ts-expect-error a value outside the enum is a compile error
  await telnyx.listPhoneNumbers({ filter_status: 'purchase_pending' });
  // @ts-expect-error an unknown key is a compile error
  await telnyx.listPhoneNumbers({ page_sise: 10 });
  // @ts-expect-error a wrong type is a compile error
  await telnyx.listPhoneNumbers({ page_size: '10' });
  // @ts-expect-error a required nested property (options.to_number) is a compile error
  await retell.createPhoneCall({ options: { from_number: '+14155550100' } });
  // @ts-expect-error the selector only takes its enum values
  await sinch.listMessages({ direction: 'outbound' });
  // @ts-expect-error exactly one of src and powerpack_uuid: both is a compile error
  await plivo.sendSms({ src: '14155552671', powerpack_uuid: 'pp-1', dst: '14155552672', text: 'hi' });
  // @ts-expect-error exactly one of src and powerpack_uuid: neither is a compile error
  await plivo.sendSms({ dst: '14155552672', text: 'hi' });
  // @ts-expect-error at least one of text and media: neither is a compile error
  await dialpad.sendSms({ to: '+14155551234' });
}

/**
 * Parameter types derived from the argument rules (`ArgsOf`): literal types, optionality and
 * mutability as the written-out types had them, at the top level and nested.
 */
export async function derivedParameterTypes(): Promise<void> {
  const agent: CreateAgentParams = { voice_id: '11labs-Adrian', response_engine: { type: 'retell-llm', llm_id: 'llm_1' } };
  // Members are not readonly: a caller may build the arguments up step by step.
  agent.voice_id = 'openai-Alloy';
  agent.options = { agent_name: 'Support', voice_speed: 1.2, any_other_field: true };
  agent.response_engine.version = 2;
  const engine: 'retell-llm' | 'conversation-flow' | 'custom-llm' = agent.response_engine.type;
  // Optional members read as possibly undefined.
  const name: string | undefined = agent.options.agent_name;
  void engine;
  void name;
  await retell.createAgent(agent);
  await retell.listCalls({ filter: { start_timestamp: { type: 'range', op: 'bt', value: [1, 2] } }, sort_order: 'ascending' });
  const fresh: CreateAgentParams = { voice_id: 'v', response_engine: { type: 'custom-llm' } };
  // @ts-expect-error an optional member is not required: it may be undefined
  const version: number = fresh.response_engine.version;
  void version;
  // @ts-expect-error a nested enum takes only its literals
  await retell.createAgent({ voice_id: 'v', response_engine: { type: 'gpt' } });
  // @ts-expect-error a nested required member (response_engine.type) is a compile error
  await retell.createAgent({ voice_id: 'v', response_engine: { llm_id: 'llm_1' } });
  // @ts-expect-error a closed nested object refuses an unknown key
  await retell.createAgent({ voice_id: 'v', response_engine: { type: 'retell-llm', llm: 'llm_1' } });
  // @ts-expect-error a fixed-length list is a tuple: `[lower, upper]`
  await retell.listCalls({ filter: { start_timestamp: { type: 'range', op: 'bt', value: [1, 2, 3] } } });
  // @ts-expect-error a top-level enum takes only its literals
  await retell.listCalls({ sort_order: 'newest' });
}

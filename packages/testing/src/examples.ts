/** Spec examples as plain data: what generated mocks and contract tests are built from. */

export interface ExampleRequest {
  method: string;
  url: string;
  /** Lower-cased names. Only the headers that matter are listed; others are not compared. */
  headers: Record<string, string>;
  body: unknown;
}

export interface ExampleResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface ExampleRoute {
  method: string;
  /** One URL template per URL the server may have (one, unless an account field chooses it). */
  urls: string[];
  /** The template ends in a parameter holding a relative path of several segments: a generic helper's route. */
  anyPath: boolean;
}

export interface FunctionExample {
  /** `telnyx.send_sms`. */
  function: string;
  title: string;
  arguments: Record<string, unknown>;
  /** The endpoint's method and URL templates (`https://api.telnyx.com/v2/phone_numbers/{phone_number_id}`). */
  route: ExampleRoute | null;
  request: ExampleRequest;
  response: ExampleResponse;
}

export interface ProviderExamples {
  provider: string;
  /** Server URL templates with `{field}` placeholders. */
  servers: string[];
  examples: FunctionExample[];
  /** The provider's own error envelope, answered for anything unexpected. */
  error: { status: number; body: unknown };
}

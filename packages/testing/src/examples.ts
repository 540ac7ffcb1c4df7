/** Spec examples as plain data: what generated mocks and contract tests are built from. */

export interface ExampleRequest {
  method: string;
  url: string;
  /** Lower-cased names. Only the headers that matter are listed; others are not compared. */
  headers: Record<string, string>;
  /** The documented body; null when there is none, or when the body is one file. */
  body: unknown;
  /** The file a binary upload sends as its whole body (`request.body: binary` in the spec), in place of a body. */
  file?: DocumentedFile;
}

export interface ExampleResponse {
  status: number;
  headers: Record<string, string>;
  /** The JSON body; null when there is none, or when the answer is a file. */
  body: unknown;
  /** The file a download answers with (`response.body: file` in the spec), in place of a body. */
  file?: AnsweredFile;
}

/** A documented file: a download's answer, or a binary upload's body. */
export interface DocumentedFile {
  /** An answer's: the name its Content-Disposition gives. An upload's: the name its docs read the bytes from. Null when none is documented. */
  filename: string | null;
  content_type: string;
  content_base64: string;
}

/** A file as an answer carries it, and as a test compares a downloaded file with it. */
export type AnsweredFile = DocumentedFile;

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

/** An OAuth2 client-credentials token endpoint of the provider, as the mocks answer it. */
export interface TokenEndpoint {
  /** URL template with `{field}` placeholders: the token server's URL plus the token path. */
  url: string;
  /** The token handed out: the one the examples' `authorization: Bearer …` documents. */
  accessToken: string;
}

export interface ProviderExamples {
  provider: string;
  /** Server URL templates with `{field}` placeholders. */
  servers: string[];
  /** Token endpoints of the provider's OAuth2 servers; empty when it has none. */
  tokenEndpoints: TokenEndpoint[];
  examples: FunctionExample[];
  /** The provider's own error envelope, answered for anything unexpected. */
  error: { status: number; body: unknown };
}

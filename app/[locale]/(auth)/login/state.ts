export type LoginState =
  | { step: 'identifier'; identifier?: string; error?: string }
  /** `signingInAs` is the sentence naming the identifier, worded on the server. */
  | { step: 'password'; identifier: string; signingInAs: string; error?: string };

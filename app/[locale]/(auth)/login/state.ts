export type LoginState =
  | { step: 'identifier'; identifier?: string; error?: string }
  | { step: 'password'; identifier: string; error?: string };

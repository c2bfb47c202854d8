'use client';

import { createContext, useContext, type ReactNode } from 'react';

export interface ErrorText {
  title: string;
  body: string;
  retry: string;
  /** "Tell us this reference", with the request's id: the one its log lines carry. */
  reference: string | null;
}

const ErrorTextContext = createContext<ErrorText | null>(null);

/**
 * The words of the "something went wrong" boundary, translated on the server. An error
 * boundary must be a client component, and this is all it needs: no translation runtime is
 * sent to the browser for it.
 */
export function ErrorTextProvider({ text, children }: { text: ErrorText; children: ReactNode }) {
  return <ErrorTextContext.Provider value={text}>{children}</ErrorTextContext.Provider>;
}

export function useErrorText(): ErrorText {
  const text = useContext(ErrorTextContext);
  if (!text) throw new Error('useErrorText outside ErrorTextProvider');
  return text;
}

'use client';

import { useErrorText } from '@/components/error-text';

// A database restart or any unexpected failure: a calm, localized "try again".
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useErrorText();
  return (
    <section className="card" role="alert">
      <h1>{t.title}</h1>
      <p>{t.body}</p>
      {t.reference && <p className="muted">{t.reference}</p>}
      <button type="button" onClick={reset}>
        {t.retry}
      </button>
    </section>
  );
}

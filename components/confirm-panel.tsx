import type { ComponentProps, ReactNode } from 'react';

/**
 * The one shape of a "are you sure?" step: what is about to happen, the button that does it, and
 * the way back. It is a state of the page (`?confirm=…`), not a dialog, so it works without
 * JavaScript and a stray click on a list never acts by itself. `fields` are the form's hidden
 * values (the language, and which record); `heading` follows where the panel sits on the page.
 */
export function ConfirmPanel({
  id,
  heading: Heading = 'h2',
  title,
  children,
  action,
  fields,
  submit,
  cancel,
}: {
  id: string;
  heading?: 'h2' | 'h3';
  title: string;
  children: ReactNode;
  action: NonNullable<ComponentProps<'form'>['action']>;
  fields: Record<string, string>;
  submit: string;
  cancel: { href: string; label: string };
}) {
  return (
    <section aria-labelledby={id} className="stack confirm">
      <Heading id={id}>{title}</Heading>
      {children}
      <form action={action} className="actions">
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <button type="submit">{submit}</button>
        <a href={cancel.href}>{cancel.label}</a>
      </form>
    </section>
  );
}

'use client';

import { useState, useSyncExternalStore, type InputHTMLAttributes } from 'react';

const noSubscription = () => () => {};

export interface PasswordToggleText {
  /** Short words on the switch ("Show", "Hide")… */
  show: string;
  hide: string;
  /** …and what they do, for screen readers ("Show the new password"). */
  showLabel: string;
  hideLabel: string;
}

/**
 * A password field with a switch that shows what was typed. The switch appears only once
 * JavaScript runs; without it this is an ordinary password field.
 */
export function PasswordInput({
  toggle,
  ...input
}: { toggle: PasswordToggleText; id: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  // False in the server's HTML, true once React runs in the browser.
  const ready = useSyncExternalStore(noSubscription, () => true, () => false);
  const [visible, setVisible] = useState(false);
  return (
    <div className="password-field">
      <input {...input} type={visible ? 'text' : 'password'} />
      {ready && (
        <button
          type="button"
          className="secondary"
          aria-controls={input.id}
          aria-label={visible ? toggle.hideLabel : toggle.showLabel}
          onClick={() => setVisible(!visible)}
        >
          {visible ? toggle.hide : toggle.show}
        </button>
      )}
    </div>
  );
}

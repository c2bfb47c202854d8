import { accountLocked } from './account-locked';
import { adminNotice } from './admin-notice';
import { activation } from './activation';
import { companySignIn } from './company-sign-in';
import type { EmailDefinition } from './context';
import { emailChanged, emailChangeRequested, emailChangeVerify } from './email-change';
import { magicLink } from './magic-link';
import { newSignIn } from './new-sign-in';
import { passwordChanged } from './password-changed';
import { passwordReset } from './password-reset';
import { securityNotice } from './security-notice';
import { sensitiveTextPublished } from './sensitive-text-published';
import { temporaryPassword } from './temporary-password';
import { twoStepCode } from './two-step-code';

/** Every email the product sends, by the name stored in the outbox. */
export const emailTemplates = {
  passwordChanged,
  accountLocked,
  securityNotice,
  passwordReset,
  magicLink,
  activation,
  twoStepCode,
  emailChangeVerify,
  emailChangeRequested,
  emailChanged,
  newSignIn,
  adminNotice,
  temporaryPassword,
  companySignIn,
  sensitiveTextPublished,
} as const;

export type EmailTemplateName = keyof typeof emailTemplates;

type DefinitionOf<Name extends EmailTemplateName> = (typeof emailTemplates)[Name];
export type EmailProps<Name extends EmailTemplateName> =
  DefinitionOf<Name> extends EmailDefinition<infer Props, infer _Secrets> ? Props : never;
export type EmailSecrets<Name extends EmailTemplateName> =
  DefinitionOf<Name> extends EmailDefinition<infer _Props, infer Secrets> ? Secrets : never;

export function isEmailTemplateName(name: string): name is EmailTemplateName {
  return Object.hasOwn(emailTemplates, name);
}

/**
 * Whether an email of this template holds a link or a code for the person, as its preview
 * declares. Those are erased when the email fails, so such an email cannot be sent again.
 */
export function carriesSecrets(name: EmailTemplateName): boolean {
  return Object.keys(emailTemplates[name].preview.secrets).length > 0;
}

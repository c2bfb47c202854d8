import { linkAndCodeEmail } from './link-and-code';

export const passwordReset = linkAndCodeEmail('passwordReset', '/reset-password', {
  props: { name: 'Camille Dubois', linkMinutes: 60, codeMinutes: 15 },
  secrets: { token: 'preview-token-not-valid', code: '482915' },
});

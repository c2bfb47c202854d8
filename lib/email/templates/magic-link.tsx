import { linkAndCodeEmail } from './link-and-code';

export const magicLink = linkAndCodeEmail('magicLink', '/magic-link/confirm', {
  props: { name: 'Camille Dubois', linkMinutes: 15, codeMinutes: 15 },
  secrets: { token: 'preview-token-not-valid', code: '730264' },
});

/** Accounts the browser tests sign in with; each test that changes an account has its own. */
export const E2E_PASSWORD = 'violet submarine orchestra 58';
/** The secret of the suite's shared sites, which the session fixture (session.ts) seals cookies with. */
export const E2E_AUTH_SECRET = 'e2e-secret-e2e-secret-e2e-secret-0123456';

export const e2eAccounts = {
  english: { email: 'emma.e2e@example.com', username: 'emma-e2e', name: 'Emma Test', locale: 'en' },
  french: { email: 'camille.e2e@example.com', username: 'camille-e2e', name: 'Camille Essai', locale: 'fr', phone: '+33 6 55 44 33 22' },
  lockEnglish: { email: 'lock.en@example.com', name: 'Lena Lock', locale: 'en' },
  lockFrench: { email: 'lock.fr@example.com', name: 'Louis Verrou', locale: 'fr' },
  noScript: { email: 'noscript@example.com', name: 'Nora Script', locale: 'en' },
  revoked: { email: 'revoked@example.com', name: 'Rita Revoke', locale: 'fr' },
  deletedRow: { email: 'deleted.row@example.com', name: 'Dan Delete', locale: 'en' },
  lockedByEmail: { email: 'verrou.courriel@example.com', name: 'Claire Verrou', locale: 'fr' },
  // Sent an email after lockedByEmail's, to know that a later pass of the dispatcher ran.
  laterPass: { email: 'passage.suivant@example.com', name: 'Paul Suivant', locale: 'fr' },
  deactivated: { email: 'deactivated.e2e@example.com', name: 'Dee Activated', locale: 'en', state: 'deactivated' },
  resetLinkEn: { email: 'reset.link.en@example.com', name: 'Rick Reset', locale: 'en' },
  resetLinkFr: { email: 'reset.lien.fr@example.com', name: 'Rose Oubli', locale: 'fr' },
  resetCodeEn: { email: 'reset.code.en@example.com', username: 'reset-code-en', name: 'Cody Reset', locale: 'en' },
  resetCodeFr: { email: 'reset.code.fr@example.com', username: 'reset-code-fr', name: 'Coralie Code', locale: 'fr' },
  magicEn: { email: 'magic.en@example.com', name: 'Max Magic', locale: 'en' },
  magicFr: { email: 'magie.fr@example.com', name: 'Manon Magie', locale: 'fr' },
  magicCode: { email: 'magic.code@example.com', name: 'Mia Code', locale: 'en' },
  activateFr: { email: 'activation.fr@example.com', name: 'Agathe Nouvelle', locale: 'fr', state: 'pending' },
  activateEn: { email: 'activation.en@example.com', name: 'Adam New', locale: 'en', state: 'pending' },
  enumActive: { email: 'enum.active@example.com', name: 'Ena Active', locale: 'en' },
  enumLocked: { email: 'enum.locked@example.com', name: 'Eli Locked', locale: 'en' },
  enumPending: { email: 'enum.pending@example.com', name: 'Eva Pending', locale: 'en', state: 'pending' },
  expiredWelcome: { email: 'expired.welcome@example.com', name: 'Ezra Late', locale: 'fr', state: 'pending' },
  hostCheck: { email: 'host.check@example.com', name: 'Hugo Host', locale: 'en' },
  usualBrowserEn: { email: 'usual.browser@example.com', name: 'Una Usual', locale: 'en' },
  usualBrowserFr: { email: 'navigateur.habituel@example.com', name: 'Noé Habituel', locale: 'fr' },
  accessible: { email: 'accessible@example.com', name: 'Ada Access', locale: 'en' },
  accessibleTwoStep: { email: 'accessible.two.step@example.com', name: 'Asa Twostep', locale: 'en' },
  accessiblePending: { email: 'accessible.pending@example.com', name: 'Axel Attente', locale: 'fr', state: 'pending' },
  accessibleEmailChange: { email: 'accessible.moving@example.com', name: 'Alix Moving', locale: 'en' },
  accessibleTemporary: { email: 'accessible.temporary@example.com', name: 'Ari Temporary', locale: 'en', 'temporary-password': true },
  replacedEn: { email: 'replaced.link.en@example.com', name: 'Rex Replaced', locale: 'en' },
  replacedFr: { email: 'lien.remplace@example.com', name: 'Rémi Remplacé', locale: 'fr' },
  twoStepFr: { email: 'deux.etapes@example.com', name: 'Inès Deuxétapes', locale: 'fr' },
  twoStepEn: { email: 'two.step@example.com', name: 'Tom Twostep', locale: 'en' },
  twoStepMagic: { email: 'two.step.magic@example.com', name: 'Tia Magic', locale: 'fr' },
  emailCodes: { email: 'email.codes@example.com', name: 'Eddie Codes', locale: 'en' },
  staleSession: { email: 'stale.session@example.com', name: 'Stan Stale', locale: 'fr' },
  questionFr: { email: 'question.fr@example.com', name: 'Quentin Question', locale: 'fr' },
  questionEn: { email: 'question.en@example.com', name: 'Quinn Question', locale: 'en' },
  // The page-weight test opens their links, made in the database: nothing is ever submitted.
  weighedQuestion: { email: 'weighed.question@example.com', name: 'Wes Question', locale: 'en' },
  weighedReset: { email: 'weighed.reset@example.com', name: 'Wanda Reset', locale: 'fr' },
  weighedPending: { email: 'weighed.pending@example.com', name: 'Will Pending', locale: 'en', state: 'pending' },
  profileFr: { email: 'profil.fr@example.com', name: 'Paule Profil', locale: 'fr' },
  profileEn: { email: 'profile.en@example.com', name: 'Paul Profile', locale: 'en' },
  emailChangeFr: { email: 'ancienne.adresse@example.com', name: 'Élise Adresse', locale: 'fr' },
  changePasswordFr: { email: 'change.mdp@example.com', name: 'Chloé Change', locale: 'fr' },
  changePasswordEn: { email: 'change.password@example.com', name: 'Chad Change', locale: 'en' },
  newBrowserFr: { email: 'nouveau.navigateur@example.com', name: 'Noé Navigateur', locale: 'fr' },
  newBrowserEn: { email: 'new.browser@example.com', name: 'Nina Browser', locale: 'en' },
  adminFr: { email: 'admin.e2e@example.com', name: 'Adèle Admin', locale: 'fr', role: 'admin' },
  managerFr: { email: 'responsable.nord@example.com', name: 'Marc Responsable', locale: 'fr', role: 'manager', team: 'Équipe Nord' },
  memberNord: { email: 'membre.nord@example.com', name: 'Nora Membre', locale: 'fr', team: 'Équipe Nord' },
  memberSud: { email: 'membre.sud@example.com', name: 'Sami Sud', locale: 'fr', team: 'Équipe Sud' },
  lockedSud: { email: 'bloque.sud@example.com', name: 'Basile Bloqué', locale: 'fr', team: 'Équipe Sud' },
  lockedEn: { email: 'locked.en@example.com', name: 'Lachlan Locked', locale: 'en', team: 'North Team' },
  unlockAdminEn: { email: 'unlock.admin@example.com', name: 'Una Unlock', locale: 'en', role: 'admin' },
  temporaryFr: { email: 'temporaire@example.com', name: 'Théo Temporaire', locale: 'fr', 'temporary-password': true },
  temporaryEn: { email: 'temporary@example.com', name: 'Tara Temporary', locale: 'en', 'temporary-password': true },
  phoneFr: { email: 'telephone.fr@example.com', name: 'Fanny Téléphone', locale: 'fr', phone: '+33 6 12 34 56 78' },
  phoneQuebec: { email: 'telephone.quebec@example.com', name: 'Gabrielle Tremblay', locale: 'fr' },
  phoneChosen: { email: 'phone.chosen@example.com', name: 'Bram Chosen', locale: 'en', phone: '+32 470 12 34 56' },
  adminEn: { email: 'admin.en@example.com', name: 'Alan Admin', locale: 'en', role: 'admin' },
  // Each admin file its own admins: an emailed 2-step code a sign-in, and five codes an hour.
  pagingAdminFr: { email: 'pages.admin@example.com', name: 'Paule Pages', locale: 'fr', role: 'admin' },
  pagingAdminEn: { email: 'paging.admin@example.com', name: 'Paige Paging', locale: 'en', role: 'admin' },
  auditAdminFr: { email: 'journal.admin@example.com', name: 'Justin Journal', locale: 'fr', role: 'admin' },
  jobsAdminFr: { email: 'traitements.admin@example.com', name: 'Jeanne Traitements', locale: 'fr', role: 'admin' },
  jobsAdminEn: { email: 'jobs.admin@example.com', name: 'Jude Jobs', locale: 'en', role: 'admin' },
  memberEn: { email: 'member.en@example.com', name: 'Mia Member', locale: 'en', team: 'North Team' },
  accessibleAdmin: { email: 'accessible.admin@example.com', name: 'Abel Admin', locale: 'en', role: 'admin' },
  accessNord: { email: 'sans.courriel@example.com', username: 'sacha-nord', name: 'Sacha Sanscourriel', locale: 'fr', team: 'Équipe Nord' },
  auditNord: { email: 'audit.nord@example.com', name: 'Aude Journal', locale: 'fr', team: 'Équipe Nord' },
  auditSud: { email: 'audit.sud@example.com', name: 'Aurèle Journal', locale: 'en', team: 'Équipe Sud' },
  keyHolder: { email: 'key.holder@example.com', name: 'Kim Cléhaut', locale: 'fr' },
  editorFr: { email: 'redactrice.e2e@example.com', name: 'Rose Rédactrice', locale: 'fr', role: 'editor' },
  editorEn: { email: 'editor.en@example.com', name: 'Ed Editor', locale: 'en', role: 'editor' },
  wordsReader: { email: 'lecteur.mots@example.com', name: 'Léo Lecteur', locale: 'fr' },
  badInputMember: { email: 'bad.input@example.com', name: 'Bea Input', locale: 'en' },
  badInputAdmin: { email: 'bad.input.admin@example.com', name: 'Basil Input', locale: 'en', role: 'admin' },
  badInputTarget: { email: 'bad.input.target@example.com', name: 'Tilda Input', locale: 'fr' },
  ssoAdmin: { email: 'connexion.entreprise@example.com', name: 'Solène Entreprise', locale: 'fr', role: 'admin' },
  ssoMember: { email: 'membre.entreprise@example.com', name: 'Maël Entreprise', locale: 'fr' },
  badInputTemporary: { email: 'bad.input.temporary@example.com', name: 'Tomas Input', locale: 'en', 'temporary-password': true },
  badInputLinks: { email: 'bad.input.links@example.com', name: 'Lina Input', locale: 'en' },
  badInputPending: { email: 'bad.input.pending@example.com', name: 'Pia Input', locale: 'fr', state: 'pending' },
} as const;

export type E2eAccount = keyof typeof e2eAccounts;

/** Accounts written straight to the database (seed-many-accounts.ts); a tag names each language's test's share. */
export const MANY_ACCOUNTS = { total: 3000, perTag: 300, tags: { fr: 'Cible lot', en: 'Batch target' } } as const;

export interface E2eTarget {
  name: 'pglite' | 'postgres';
  baseURL: string;
  /** Only for PostgreSQL: lets a test change the database under the running site. */
  databaseUrl?: string;
  /** Only for PostgreSQL: the fake Resend API the site sends through (GET /_fake/deliveries). */
  resendUrl?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** One set of shared sites per worker (targets.ts picks the one of the calling worker). */
    targetSets: E2eTarget[][];
  }
}

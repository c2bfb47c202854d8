/** Lifetimes and limits of emailed and admin-issued credentials (PRODUCT.md section 6). */
export const RESET_LINK_MINUTES = 60;
export const RESET_CODE_MINUTES = 15;
export const MAGIC_LINK_MINUTES = 15;
export const ACTIVATION_MINUTES = 7 * 24 * 60;
/** A reset access code handed on by an admin, for someone without email. */
export const ACCESS_CODE_MINUTES = 24 * 60;

/** At most this many recovery emails per account per hour; past it, the same answer and no email. */
export const RECOVERY_EMAILS_PER_HOUR = 5;
export const RECOVERY_PURPOSES = ['password_reset', 'magic_link', 'activation'] as const;

/** A request not handled within this time is dropped: the person has asked again or moved on. */
export const REQUEST_EXPIRY_MINUTES = 60;

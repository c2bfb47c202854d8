import 'server-only';
import type { z } from 'zod';
import type { PublicUser } from '@/lib/db/users';
import type { AdminUser } from '@/lib/admin/users-in-scope';
import type { listedUser, profile } from './schemas';

// What the API says about an account: named fields, chosen one by one, so that a column added
// to the table never reaches a client by accident, in the shapes lib/api/schemas.ts describes.

export function apiProfile(user: PublicUser): z.output<typeof profile> {
  return {
    id: user.id,
    email: user.email,
    username: user.username,
    name: user.name,
    locale: user.locale,
    role: user.role,
    team: user.teamId ? { id: user.teamId, name: user.teamName } : null,
    state: user.state,
  };
}

/** An account of the users list: its profile, and what an admin sees of it in the list. */
export function apiListedUser(user: AdminUser): z.output<typeof listedUser> {
  return {
    ...apiProfile(user),
    phone: user.phone,
    locked: user.locked,
    twoStep: user.totpEnabledAt !== null || user.emailOtpEnabled,
    createdAt: user.createdAt.toISOString(),
    lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
  };
}

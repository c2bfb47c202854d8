import { createNavigation } from 'next-intl/navigation';
import { routing } from './routing';

// Paths inside the site, with their language prefix added by next-intl rather than by hand.
export const { redirect, getPathname } = createNavigation(routing);

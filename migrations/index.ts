import { InitialSchema1795792720942 } from './0001-initial-schema';

/** Migrations in the order they run; new ones are appended. */
export const MIGRATIONS = [InitialSchema1795792720942];

/** The roles a credential can hold. The operator administers; it is party to no deal. */
export type Role = 'operator' | 'agent' | 'principal' | 'regulator' | 'court';

export const ROLES: readonly Role[] = ['operator', 'agent', 'principal', 'regulator', 'court'];

/** Who is calling, as established by authentication; every read is scoped by it. */
export interface Caller {
  credentialId: string;
  role: Role;
  organizationId: string | null;
  /** For a regulator: the jurisdictions it supervises. For others: those of the credential. */
  jurisdictions: string[];
}

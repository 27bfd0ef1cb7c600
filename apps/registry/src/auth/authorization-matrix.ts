import type { Role } from '@signet/domain';

/**
 * Who may call each GraphQL operation. Default deny: an operation missing here is refused
 * for everyone (and the matrix test fails), so a new operation needs a decision before it
 * can be reached. Roles decide only whether a caller may ask; what it then sees (its
 * organisation's agreements, a regulator's jurisdictions) is scoped in the use cases.
 *
 * - 'public': anyone, without a credential (rate-limited per address).
 * - 'authenticated': any live credential.
 * - a list of roles: a live credential holding one of them.
 */
export type OperationPolicy = 'public' | 'authenticated' | readonly Role[];

const PARTIES_AND_SUPERVISORS: readonly Role[] = ['agent', 'principal', 'regulator', 'court'];

export const AUTHORIZATION_MATRIX: Readonly<Record<string, OperationPolicy>> = {
  // Queries
  status: 'public',
  verify: 'public',
  me: 'authenticated',
  recipients: ['agent', 'principal'],
  agreement: PARTIES_AND_SUPERVISORS,
  // A court looks agreements up by blockchain id; it has no scope to list (the use case agrees).
  agreements: ['agent', 'principal', 'regulator'],
  auditTrail: PARTIES_AND_SUPERVISORS,
  // The whole chain as hashes, for checking a trail's completeness; scoped like auditTrail.
  auditChain: PARTIES_AND_SUPERVISORS,
  // Anyone may read the rules that bind them.
  policyPacks: 'public',
  policyPack: 'public',
  // The operator's lists of what it administers (ids, roles, states; no sealed text).
  organizations: ['operator'],
  credentials: ['operator'],
  // Behaviour findings: the operator all, a principal its organisation's, a regulator its
  // jurisdictions' (scoped in the use case; docs/MONITORING.md).
  findings: ['operator', 'principal', 'regulator'],
  // Mutations: logging in
  authChallenge: 'public',
  authToken: 'public',
  // Mutations: administration; the operator is party to no deal and never reads sealed text.
  addOrganization: ['operator'],
  issueCredential: ['operator'],
  revokeCredential: ['operator'],
  designateRegulator: ['operator'],
  publishPolicyPack: ['operator'],
  activatePolicyPack: ['operator'],
  // Lifts a suspension by behaviour monitoring: the operator, or the credential's own principal.
  reinstateCredential: ['operator', 'principal'],
  // Mutations: the agreement lifecycle
  depositAgreement: ['agent'],
  depositAgreements: ['agent'],
  ratifyAgreement: ['principal'],
  rejectAgreement: ['principal'],
  terminateAgreement: ['agent'],
  // A court may open only where it is itself a recipient; the use case checks that.
  openSealed: ['agent', 'principal', 'regulator', 'court'],
  // Key rotation: a regulator wraps the data key for its own new box key (docs/AUDIT.md).
  addWrap: ['regulator'],
  // Webhooks: an organisation's (its principals and agents) or a regulator's own; scoped in the use case.
  webhooks: ['agent', 'principal', 'regulator'],
  webhookDeliveries: ['agent', 'principal', 'regulator'],
  addWebhook: ['agent', 'principal', 'regulator'],
  removeWebhook: ['agent', 'principal', 'regulator'],
  testWebhook: ['agent', 'principal', 'regulator'],
  rotateWebhookSecret: ['agent', 'principal', 'regulator'],
  // Retention (docs/RETENTION.md): holds by a court or a regulator of the agreement's
  // jurisdiction (the use case checks which); early destruction signed by every party;
  // the operator runs the job, which reads no sealed text.
  placeLegalHold: ['regulator', 'court'],
  liftLegalHold: ['regulator', 'court'],
  requestDestruction: ['agent'],
  runRetention: ['operator'],
};

export function policyFor(operation: string): OperationPolicy | undefined {
  return Object.prototype.hasOwnProperty.call(AUTHORIZATION_MATRIX, operation)
    ? AUTHORIZATION_MATRIX[operation]
    : undefined;
}

export function allows(policy: OperationPolicy, role: Role | null): boolean {
  if (policy === 'public') return true;
  if (role === null) return false;
  return policy === 'authenticated' || policy.includes(role);
}

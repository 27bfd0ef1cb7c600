import type { Draft, DraftRecipient } from './draft';
import { depositInput } from './draft';
import { SdkError } from './sdk-error';

export interface SignetStatus {
  version: string;
  chainId: number;
  registryAddress: string;
  rpcUrl: string;
  blockNumber: number;
}

export interface DepositResult {
  id: string;
  agreementId: string;
  status: string;
  replayed: boolean;
}

/** One draft's answer in a batch: its deposit, or the refusal's stable code and message. */
export type DepositManyItem =
  { ok: true; result: DepositResult } | { ok: false; code: string; message: string };

interface GraphqlResponse<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } & Record<string, unknown> }>;
}

/** Thrown when Signet answers with a refusal; `code` is its stable extensions.code. */
export class SignetApiError extends SdkError {}

/** Thrown when Signet could not be reached at all. */
export class SignetUnreachableError extends SdkError {}

/**
 * A typed client of Signet's GraphQL API for agents that are programs. It holds an access
 * token once logged in; it never holds a secret key.
 */
export class SignetClient {
  private token: string | undefined;

  constructor(readonly url: string) {}

  setToken(token: string | undefined): void {
    this.token = token;
  }

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.url.replace(/\/$/, '')}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
    } catch (error) {
      throw new SignetUnreachableError(
        'UNREACHABLE',
        `cannot reach Signet at ${this.url}: ${(error as Error).message}`,
      );
    }
    let body: GraphqlResponse<T>;
    try {
      body = (await response.json()) as GraphqlResponse<T>;
    } catch {
      throw new SignetUnreachableError(
        'UNREACHABLE',
        `Signet at ${this.url} answered HTTP ${response.status} without JSON`,
      );
    }
    if (body.errors && body.errors.length > 0) {
      const [first] = body.errors;
      throw new SignetApiError(first.extensions?.code ?? 'UNKNOWN', first.message, first.extensions);
    }
    if (!body.data) throw new SignetApiError('EMPTY', 'Signet returned no data');
    return body.data;
  }

  async status(): Promise<SignetStatus> {
    const data = await this.request<{ status: SignetStatus }>(
      'query { status { version chainId registryAddress rpcUrl blockNumber } }',
    );
    return data.status;
  }

  async recipients(jurisdictions: string[], parties: string[]): Promise<DraftRecipient[]> {
    const data = await this.request<{ recipients: DraftRecipient[] }>(
      `query ($jurisdictions: [String!]!, $parties: [String!]!) {
        recipients(jurisdictions: $jurisdictions, parties: $parties) { credentialId kind signingKey boxKey keyId }
      }`,
      { jurisdictions, parties },
    );
    return data.recipients;
  }

  async deposit(draft: Draft): Promise<DepositResult> {
    const data = await this.request<{ depositAgreement: DepositResult }>(
      `mutation ($input: DepositAgreementInput!) {
        depositAgreement(input: $input) { id agreementId status replayed }
      }`,
      { input: depositInput(draft) },
    );
    return data.depositAgreement;
  }

  /**
   * Up to 100 drafts in one call (depositAgreements), answered in order. A refused draft
   * does not hold back the others; retrying the whole batch is safe (idempotency keys).
   */
  async depositMany(drafts: Draft[]): Promise<DepositManyItem[]> {
    const data = await this.request<{
      depositAgreements: Array<{
        index: number;
        result: DepositResult | null;
        error: { code: string; message: string } | null;
      }>;
    }>(
      `mutation ($inputs: [DepositAgreementInput!]!) {
        depositAgreements(inputs: $inputs) {
          index result { id agreementId status replayed } error { code message }
        }
      }`,
      { inputs: drafts.map(depositInput) },
    );
    return data.depositAgreements.map((item) =>
      item.result ? { ok: true, result: item.result } : { ok: false, ...item.error! },
    );
  }
  async agreement(id: string): Promise<AgreementView> {
    const data = await this.request<{ agreement: AgreementView }>(
      `query ($id: String!) {
        agreement(id: $id) {
          id agreementId status type jurisdictions parties parentId effectiveAt expiresAt value currency
          metadata metadataHash commitment sealedDigest recordHash createdAt
          anchor { txHash blockNumber blockHash logIndex batchRoot proof anchoredAt finalizedAt }
          statusHistory { status actorId reason at }
          policyDecision { outcome rules disclosure packs { jurisdiction hash } reasons { code outcome jurisdiction rule message } }
          ratification { ${RATIFICATION_FIELDS} }
          retention { ${RETENTION_FIELDS} }
        }
      }`,
      { id },
    );
    return data.agreement;
  }

  /** The receipt a party keeps, once anchored (null before). */
  async receipt(id: string): Promise<string | null> {
    const data = await this.request<{ agreement: { receipt: string | null } }>(
      'query ($id: String!) { agreement(id: $id) { receipt } }',
      { id },
    );
    return data.agreement.receipt;
  }

  /** The evidence bundle a party hands a court (receipt v2 and status evidence), once anchored. */
  async evidenceBundle(id: string): Promise<string | null> {
    const data = await this.request<{ agreement: { evidenceBundle: string | null } }>(
      'query ($id: String!) { agreement(id: $id) { evidenceBundle } }',
      { id },
    );
    return data.agreement.evidenceBundle;
  }

  async ratify(
    id: string,
    signature: string,
  ): Promise<{ id: string; status: string; ratification: RatificationView | null }> {
    const data = await this.request<{
      ratifyAgreement: { id: string; status: string; ratification: RatificationView | null };
    }>(
      `mutation ($id: String!, $signature: String!) {
        ratifyAgreement(id: $id, signature: $signature) { id status ratification { ${RATIFICATION_FIELDS} } }
      }`,
      { id, signature },
    );
    return data.ratifyAgreement;
  }

  async reject(id: string, reason: string): Promise<{ id: string; status: string }> {
    const data = await this.request<{ rejectAgreement: { id: string; status: string } }>(
      'mutation ($id: String!, $reason: String!) { rejectAgreement(id: $id, reason: $reason) { id status } }',
      { id, reason },
    );
    return data.rejectAgreement;
  }

  async terminate(
    id: string,
    signatures: Array<{ credentialId: string; signature: string }>,
  ): Promise<{ id: string; status: string }> {
    const data = await this.request<{ terminateAgreement: { id: string; status: string } }>(
      `mutation ($id: String!, $signatures: [PartySignatureInput!]!) {
        terminateAgreement(id: $id, signatures: $signatures) { id status }
      }`,
      { id, signatures },
    );
    return data.terminateAgreement;
  }
}

const RETENTION_FIELDS = `destroyAt rule minimumUntil maximumUntil endsAt endKind state held shreddedAt shredDetail
  holds { id placedBy placedByRole reason placedAt liftedBy liftReason liftedAt }`;

/** The retention schedule (docs/RETENTION.md): when the text is destroyed, why, and any holds. */
export interface RetentionView {
  destroyAt: string;
  rule: string;
  minimumUntil: string;
  maximumUntil: string | null;
  endsAt: string;
  endKind: string;
  state: string;
  held: boolean;
  shreddedAt: string | null;
  shredDetail: string | null;
  holds: Array<{
    id: string;
    placedBy: string;
    placedByRole: string;
    reason: string;
    placedAt: string;
    liftedBy: string | null;
    liftReason: string | null;
    liftedAt: string | null;
  }>;
}

const RATIFICATION_FIELDS =
  'reasons { code detail credentialId } principals { credentialId agents ratified } outstanding';

/** Why a deal waits for its principals, and which of them have not ratified yet. */
export interface RatificationView {
  reasons: Array<{ code: string; detail: string; credentialId: string | null }>;
  principals: Array<{ credentialId: string | null; agents: string[]; ratified: boolean }>;
  outstanding: string[];
}

export interface AgreementView {
  id: string;
  agreementId: string;
  status: string;
  type: string;
  jurisdictions: string[];
  parties: string[];
  parentId: string | null;
  effectiveAt: string;
  expiresAt: string;
  value: string | null;
  currency: string | null;
  metadata: string;
  metadataHash: string;
  commitment: string;
  sealedDigest: string;
  recordHash: string;
  createdAt: string;
  anchor: {
    txHash: string;
    blockNumber: number;
    blockHash: string;
    logIndex: number;
    batchRoot: string;
    proof: string[];
    anchoredAt: string | null;
    finalizedAt: string | null;
  } | null;
  statusHistory: Array<{ status: string; actorId: string | null; reason: string | null; at: string }>;
  /** What the policy packs decided at deposit; null for agreements from before packs. */
  policyDecision: {
    outcome: string;
    rules: string[];
    packs: Array<{ jurisdiction: string; hash: string }>;
    reasons: Array<{
      code: string;
      outcome: string;
      jurisdiction: string | null;
      rule: string;
      message: string;
    }>;
    /** public: the metadata is on chain in clear (AgreementDisclosed); hashed: only its hash. */
    disclosure: 'public' | 'hashed';
  } | null;
  ratification: RatificationView | null;
  retention: RetentionView | null;
}

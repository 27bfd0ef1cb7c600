/**
 * Deposit inputs that are well-typed for GraphQL and refused one by one by the service
 * (nothing is stored): for tests where what counts is the call, not the agreement.
 */
export function refusedDepositInputs(count: number, keyPrefix: string) {
  return Array.from({ length: count }, (_, i) => ({
    metadata: '{}',
    agreementId: '0x00',
    commitment: '0x00',
    nonce: '0x00',
    sealedBlob: '',
    wraps: [],
    signatures: [],
    idempotencyKey: `${keyPrefix}-${i}`,
  }));
}

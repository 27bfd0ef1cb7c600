import { batchBody, type PreparedDeposit } from './fast-drafts';
import { postJson } from './http-client';

interface DepositAnswer {
  errors?: Array<{ message: string }>;
  data?: { depositAgreements?: Array<{ error: { code: string; message: string } | null }> };
}

/**
 * Sends prepared deposits to one service as agent `a`; true when every deposit was accepted.
 * A request that fails in transport (connection refused or reset, an answer that is not
 * JSON) is an error in the figures, like a refused one, not the end of the bench (a soak
 * once crashed on one reset socket and lost its figures).
 */
export function depositSender(serviceUrl: string, token: string, log: (line: string) => void) {
  const post = async (body: Buffer): Promise<DepositAnswer> => {
    try {
      return (await postJson(`${serviceUrl}/graphql`, body, {
        authorization: `Bearer ${token}`,
      })) as DepositAnswer;
    } catch (error) {
      const message = `transport: ${error instanceof Error ? error.message : String(error)}`;
      return { errors: [{ message }] };
    }
  };
  let logged = 0;
  return {
    /** depositAgreement: one deposit per request. */
    async one(deposit: PreparedDeposit): Promise<boolean> {
      const answer = await post(deposit.body);
      if (answer.errors) {
        // The first few in full, then a sample: a soak's errors should not flood memory.
        if (++logged <= 5 || Math.random() < 0.01) log(`error: ${answer.errors[0].message}`);
        return false;
      }
      return true;
    },
    /** depositAgreements: the whole batch in one request. */
    async batch(deposits: PreparedDeposit[]): Promise<boolean> {
      const answer = await post(batchBody(deposits));
      const refused = answer.data?.depositAgreements?.find((item) => item.error)?.error;
      if (answer.errors || refused) {
        log(`error: ${answer.errors?.[0].message ?? `${refused!.code} ${refused!.message}`}`);
        return false;
      }
      return true;
    },
  };
}

import { batchBody, type PreparedDeposit } from './fast-drafts';
import { postJson } from './http-client';

interface DepositAnswer {
  errors?: Array<{ message: string }>;
  data?: { depositAgreements?: Array<{ error: { code: string; message: string } | null }> };
}

/** Sends prepared deposits to one service as agent `a`; true when every deposit was accepted. */
export function depositSender(serviceUrl: string, token: string, log: (line: string) => void) {
  const post = (body: Buffer) =>
    postJson(`${serviceUrl}/graphql`, body, { authorization: `Bearer ${token}` }) as Promise<DepositAnswer>;
  return {
    /** depositAgreement: one deposit per request. */
    async one(deposit: PreparedDeposit): Promise<boolean> {
      const answer = await post(deposit.body);
      if (answer.errors) {
        if (Math.random() < 0.01) log(`error: ${answer.errors[0].message}`);
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

import { DomainError } from '@signet/domain';

/** The stable code a use case refused with, or 'OK' when it did not refuse. Anything else is rethrown. */
export async function refusalCode(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'OK';
}

import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  PolicyPackCompiler,
  PolicyPackStore,
  vetPolicyPack,
  type Caller,
  type PolicyPackFiles,
  type PolicyPackRecord,
} from '@signet/domain';

const MAX_FILES = 32;
const MAX_PACK_CHARS = 512 * 1024;

/**
 * Publishing: the same checks as `signet admin policy publish` ran before sending (schema,
 * rule syntax, every test case), again here, then the pack is stored under its hash.
 * Publishing never activates: a pack decides only once activated.
 */
@Injectable()
export class PublishPolicyPackUseCase {
  constructor(
    @Inject(PolicyPackStore) private readonly store: PolicyPackStore,
    @Inject(PolicyPackCompiler) private readonly compiler: PolicyPackCompiler,
  ) {}

  async execute(caller: Caller, files: PolicyPackFiles): Promise<{ pack: PolicyPackRecord; cases: number }> {
    const names = Object.keys(files);
    const size = Object.values(files).reduce((total, text) => total + text.length, 0);
    if (names.length > MAX_FILES || size > MAX_PACK_CHARS) {
      throw new DomainError(
        ErrorCode.TooLarge,
        `a pack has at most ${MAX_FILES} files and ${MAX_PACK_CHARS} characters`,
        {
          path: 'files',
        },
      );
    }
    const { pack, results } = vetPolicyPack(this.compiler, files);
    const record = await this.store.publish(
      { hash: pack.hash, jurisdiction: pack.data.jurisdiction, version: pack.data.version, files },
      caller,
    );
    return { pack: record, cases: results.length };
  }
}

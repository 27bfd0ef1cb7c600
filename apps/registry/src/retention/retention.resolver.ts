import { Inject } from '@nestjs/common';
import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { RetentionStore, type Caller, type LegalHoldRecord, type RetentionRecord } from '@signet/domain';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { AgreementObject } from '../agreements/dto/agreement.object';
import { PartySignatureInput } from '../agreements/dto/deposit-agreement.input';
import { LegalHoldObject, RetentionObject, RetentionRunObject } from './dto/retention.objects';
import { LegalHoldUseCase } from './legal-hold.usecase';
import { RequestDestructionUseCase } from './request-destruction.usecase';
import { RetentionJob } from './retention-job';
import { RetentionScheduler } from './retention-scheduler';

function presentHold(hold: LegalHoldRecord): LegalHoldObject {
  return {
    id: hold.id,
    placedBy: hold.placedBy,
    placedByRole: hold.placedByRole,
    reason: hold.reason,
    placedAt: hold.placedAt,
    liftedBy: hold.liftedBy ?? undefined,
    liftReason: hold.liftReason ?? undefined,
    liftedAt: hold.liftedAt ?? undefined,
  };
}

/** Retention, holds and early destruction (docs/RETENTION.md). */
@Resolver(() => AgreementObject)
export class RetentionResolver {
  constructor(
    @Inject(RetentionStore) private readonly store: RetentionStore,
    @Inject(RetentionScheduler) private readonly scheduler: RetentionScheduler,
    @Inject(LegalHoldUseCase) private readonly holds: LegalHoldUseCase,
    @Inject(RequestDestructionUseCase) private readonly destruction: RequestDestructionUseCase,
    @Inject(RetentionJob) private readonly job: RetentionJob,
  ) {}

  /** The parent was scoped by the query that returned it: whoever sees the agreement sees its schedule. */
  @ResolveField(() => RetentionObject, {
    nullable: true,
    description: 'When the sealed text is destroyed, the rule that set the date, and any legal holds',
  })
  async retention(@Parent() agreement: AgreementObject): Promise<RetentionObject | null> {
    await this.scheduler.ensure(agreement.agreementId).catch(() => undefined);
    return this.present(agreement.agreementId);
  }

  @Mutation(() => LegalHoldObject, {
    description:
      'A court, or a regulator of the agreement’s jurisdiction: hold it; a hold beats every schedule',
  })
  async placeLegalHold(
    @CurrentCaller() caller: Caller,
    @Args('id') id: string,
    @Args('reason') reason: string,
  ): Promise<LegalHoldObject> {
    return presentHold(await this.holds.place(caller, id, reason));
  }

  @Mutation(() => [LegalHoldObject], {
    description: 'Lift your holds on the agreement (a court: every hold)',
  })
  async liftLegalHold(
    @CurrentCaller() caller: Caller,
    @Args('id') id: string,
    @Args('reason') reason: string,
  ): Promise<LegalHoldObject[]> {
    return (await this.holds.lift(caller, id, reason)).map(presentHold);
  }

  @Mutation(() => RetentionObject, {
    description:
      'Early destruction: every party signs keccak256("signet:destruction:v1" ‖ id); refused with RETENTION_MINIMUM or LEGAL_HOLD',
  })
  async requestDestruction(
    @CurrentCaller() caller: Caller,
    @Args('id') id: string,
    @Args('signatures', { type: () => [PartySignatureInput] }) signatures: PartySignatureInput[],
  ): Promise<RetentionObject> {
    const agreementId = await this.destruction.execute(caller, id, signatures);
    return (await this.present(agreementId))!;
  }

  @Mutation(() => RetentionRunObject, {
    description: 'Operator: run the retention job now; what it destroyed and what holds or minimums kept',
  })
  async runRetention(): Promise<RetentionRunObject> {
    const report = await this.job.run();
    return { ...report, shreddedCount: report.shredded.length, shredded: report.shredded.slice(0, 1000) };
  }

  private async present(agreementId: string): Promise<RetentionObject | null> {
    const record = await this.store.find(agreementId);
    if (!record) return null;
    return presentRetention(record, await this.store.holds(agreementId));
  }
}

function presentRetention(record: RetentionRecord, holds: LegalHoldRecord[]): RetentionObject {
  return {
    destroyAt: record.destroyAt,
    rule: record.rule,
    minimumUntil: record.minimumUntil,
    maximumUntil: record.maximumUntil ?? undefined,
    endsAt: record.endsAt,
    endKind: record.endKind,
    state: record.state,
    held: record.held,
    holds: holds.map(presentHold),
    shreddedAt: record.shreddedAt ?? undefined,
    shredDetail: record.shredDetail ?? undefined,
    shredEvidence: record.shredEvidence ? JSON.stringify(record.shredEvidence) : undefined,
  };
}

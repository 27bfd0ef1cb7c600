import {
  AUDIT_GENESIS,
  auditAgreementTag,
  auditFieldsHash,
  auditLinkHash,
  type AuditFields,
  type AuditLink,
} from './audit-chain';

export interface AuditCheckpointClaim {
  sequence: number;
  head: string;
}

export interface AuditChainEvidence {
  agreementId: string;
  /** The whole chain from seq 1, in order, as served. */
  links: AuditLink[];
  /** The full fields of this agreement's events (the others' stay hidden behind their hashes). */
  events: AuditFields[];
  /** Checkpoints read from the chain (or, failing that, as Signet reports them). */
  checkpoints: AuditCheckpointClaim[];
}

export interface AuditCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface AuditVerdict {
  valid: boolean;
  checks: AuditCheck[];
  /** The highest sequence a checkpoint vouches for (0 when none). */
  checkpointedThrough: number;
  /**
   * Chained events after that checkpoint: consistent, but not yet provable complete (a
   * rewritten tail is caught only once a checkpoint covers it). Not a failure.
   */
  awaitingCheckpoint: number;
  warnings: string[];
}

/**
 * Checks a served chain segment against the hash-chain rule and the on-chain checkpoints.
 * Every check runs (none stops the others) and is named, so a tampered trail says how it
 * was caught: a deleted event breaks `sequence` or `links`, an edited one `event-fields`
 * or `link-hashes`, and a rewritten tail the `checkpoint` comparison.
 */
export function verifyAuditChain(evidence: AuditChainEvidence): AuditVerdict {
  const { links } = evidence;
  const warnings: string[] = [];
  const checks: AuditCheck[] = [
    sequenceCheck(links),
    linksCheck(links),
    linkHashesCheck(links),
    eventFieldsCheck(evidence),
    completenessCheck(evidence),
  ];
  const checkpoint = checkpointCheck(links, evidence.checkpoints);
  checks.push(checkpoint.check);
  const tail = checkpoint.check.ok ? links.length - checkpoint.through : 0;
  if (tail > 0) warnings.push(`${tail} newer event(s) are not checkpointed on chain yet`);
  return {
    valid: checks.every((c) => c.ok),
    checks,
    checkpointedThrough: checkpoint.through,
    awaitingCheckpoint: tail,
    warnings,
  };
}

function pass(name: string, detail: string): AuditCheck {
  return { name, ok: true, detail };
}

function fail(name: string, detail: string): AuditCheck {
  return { name, ok: false, detail };
}

function sequenceCheck(links: AuditLink[]): AuditCheck {
  for (let i = 0; i < links.length; i++) {
    if (links[i].seq !== i + 1) {
      return fail(
        'sequence',
        `expected seq ${i + 1} at position ${i + 1}, found ${links[i].seq}: an event is missing or repeated`,
      );
    }
  }
  return pass('sequence', `seq 1…${links.length}, no gaps`);
}

function linksCheck(links: AuditLink[]): AuditCheck {
  let previous = AUDIT_GENESIS;
  for (const link of links) {
    if (link.prevHash !== previous) {
      return fail('links', `seq ${link.seq}: prevHash ${link.prevHash} is not the previous hash ${previous}`);
    }
    previous = link.hash;
  }
  return pass('links', 'every prevHash is the hash before it, from genesis');
}

function linkHashesCheck(links: AuditLink[]): AuditCheck {
  for (const link of links) {
    let expected: string;
    try {
      expected = auditLinkHash(link.prevHash, link.agreementTag, link.fieldsHash);
    } catch (error) {
      return fail('link-hashes', `seq ${link.seq}: ${(error as Error).message}`);
    }
    if (expected !== link.hash) return fail('link-hashes', `seq ${link.seq}: hash does not recompute`);
  }
  return pass('link-hashes', 'every hash recomputes from its link');
}

function eventFieldsCheck(evidence: AuditChainEvidence): AuditCheck {
  const bySeq = new Map(evidence.links.map((link) => [link.seq, link]));
  const tag = auditAgreementTag(evidence.agreementId);
  for (const event of evidence.events) {
    const link = bySeq.get(event.seq);
    if (!link) return fail('event-fields', `seq ${event.seq} (${event.action}) is not in the chain`);
    if (event.agreementId !== evidence.agreementId || link.agreementTag !== tag) {
      return fail('event-fields', `seq ${event.seq} is not an event of this agreement`);
    }
    if (auditFieldsHash(event) !== link.fieldsHash) {
      return fail(
        'event-fields',
        `seq ${event.seq} (${event.action}): the shown fields do not hash to the chained fieldsHash`,
      );
    }
  }
  return pass('event-fields', `${evidence.events.length} event(s) of this agreement hash into the chain`);
}

function completenessCheck(evidence: AuditChainEvidence): AuditCheck {
  const tag = auditAgreementTag(evidence.agreementId);
  const shown = new Set(evidence.events.map((event) => event.seq));
  const hidden = evidence.links.filter((link) => link.agreementTag === tag && !shown.has(link.seq));
  if (hidden.length > 0) {
    return fail(
      'agreement-complete',
      `seq ${hidden.map((l) => l.seq).join(', ')} concern this agreement but were not shown`,
    );
  }
  return pass('agreement-complete', 'every chained event of this agreement is shown');
}

function checkpointCheck(
  links: AuditLink[],
  checkpoints: AuditCheckpointClaim[],
): { check: AuditCheck; through: number } {
  // A young trail has none yet: nothing contradicts it, but nothing proves it complete either.
  if (checkpoints.length === 0) {
    return {
      check: pass('checkpoint', 'no checkpoint on chain yet: completeness is not proven'),
      through: 0,
    };
  }
  let through = 0;
  for (const checkpoint of checkpoints) {
    const link = links[checkpoint.sequence - 1];
    if (!link || link.seq !== checkpoint.sequence) {
      const detail = `the chain checkpoints seq ${checkpoint.sequence}, but the served trail ends at ${links.length}`;
      return { check: fail('checkpoint', detail), through };
    }
    if (link.hash !== checkpoint.head) {
      const detail = `seq ${checkpoint.sequence}: hash ${link.hash} differs from the checkpointed head ${checkpoint.head}`;
      return { check: fail('checkpoint', detail), through };
    }
    through = Math.max(through, checkpoint.sequence);
  }
  return {
    check: pass('checkpoint', `matches ${checkpoints.length} on-chain checkpoint(s), through seq ${through}`),
    through,
  };
}

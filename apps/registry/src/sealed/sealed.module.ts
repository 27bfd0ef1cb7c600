import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { AddWrapUseCase } from './add-wrap.usecase';
import { OpenSealedUseCase } from './open-sealed.usecase';
import { SealedResolver } from './sealed.resolver';

/** Handing sealed text to its recipients (never decrypting it), and their key rotation. */
@Module({
  imports: [AgreementsModule],
  providers: [OpenSealedUseCase, AddWrapUseCase, SealedResolver],
})
export class SealedModule {}

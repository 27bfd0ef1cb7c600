import { AgreementsResolver } from '../agreements/agreements.resolver';
import { StatusResolver } from '../status/status.resolver';

/** Every resolver class, listed once: the schema printer and the authorisation matrix read it. */
export const RESOLVERS = [StatusResolver, AgreementsResolver];

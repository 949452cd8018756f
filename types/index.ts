import type { z } from 'zod';
import { accountSchemas, type AccountApi } from './account';
import { activitiesSchemas, type ActivitiesApi } from './activities';
import { checkinSchemas, type CheckinApi } from './checkin';
import { childcareSchemas, type ChildcareApi } from './childcare';
import { consultSchemas, type ConsultApi } from './consult';
import { orgsSchemas, type OrgsApi } from './orgs';
import { pointsSchemas, type PointsApi } from './points';
import { reportsSchemas, type ReportsApi } from './reports';
import { reviewSchemas, type ReviewApi } from './review';
import { stationsSchemas, type StationsApi } from './stations';
import { voiceSchemas, type VoiceApi } from './voice';
import { volunteersSchemas, type VolunteersApi } from './volunteers';

export * from './errors';
export * from './limits';
export * from './common';
export * from './account';
export * from './orgs';
export * from './stations';
export * from './review';
export * from './checkin';
export * from './points';
export * from './childcare';
export * from './volunteers';
export * from './consult';
export * from './voice';
export * from './activities';
export * from './reports';

/** Every function's input schemas, keyed by function then action. */
export const schemas = {
  account: accountSchemas,
  orgs: orgsSchemas,
  stations: stationsSchemas,
  review: reviewSchemas,
  checkin: checkinSchemas,
  points: pointsSchemas,
  childcare: childcareSchemas,
  volunteers: volunteersSchemas,
  consult: consultSchemas,
  voice: voiceSchemas,
  activities: activitiesSchemas,
  reports: reportsSchemas,
} as const;

type Outputs = {
  account: AccountApi;
  orgs: OrgsApi;
  stations: StationsApi;
  review: ReviewApi;
  checkin: CheckinApi;
  points: PointsApi;
  childcare: ChildcareApi;
  volunteers: VolunteersApi;
  consult: ConsultApi;
  voice: VoiceApi;
  activities: ActivitiesApi;
  reports: ReportsApi;
};

export type FunctionName = keyof typeof schemas;
export type ActionName<F extends FunctionName> = keyof (typeof schemas)[F] & keyof Outputs[F] & string;
type SchemaOf<F extends FunctionName, A extends ActionName<F>> = (typeof schemas)[F][A] extends z.ZodTypeAny ? (typeof schemas)[F][A] : never;
/** What a caller sends (defaults may be left out). */
export type InputOf<F extends FunctionName, A extends ActionName<F>> = z.input<SchemaOf<F, A>>;
/** What a handler receives after parsing. */
export type ParsedInputOf<F extends FunctionName, A extends ActionName<F>> = z.output<SchemaOf<F, A>>;
export type OutputOf<F extends FunctionName, A extends ActionName<F>> = Outputs[F][A] extends { output: infer O } ? O : never;

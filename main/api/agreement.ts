/** Handlers of coder layers, the agreement report and adjudication (shared/api/agreement.ts). */
import type { agreementOperations } from '../../shared/api/agreement';
import type { OpOutput, OpParsedInput } from '../../shared/api/contract';
import { listAdjudication, settleDisagreement } from '../services/adjudication';
import { agreementCsv, agreementReport, listLayers } from '../services/agreement';
import { exportCodingPackage } from '../services/codingPackage';
import type { AppContext } from '../services/context';

type Ops = keyof typeof agreementOperations;

export const agreementHandlers = {
  'package:export': (input, ctx) => exportCodingPackage(ctx, input.articleIds),
  'layers:list': (_input, ctx) => listLayers(ctx.workspace.db),
  'agreement:report': (input, ctx) => agreementReport(ctx, input),
  'agreement:csv': (input, ctx) => agreementCsv(ctx, input),
  'adjudication:list': (input, ctx) => listAdjudication(ctx, input),
  'adjudication:settle': (input, ctx) => settleDisagreement(ctx, input),
} satisfies { [K in Ops]: (input: OpParsedInput<K>, ctx: AppContext) => OpOutput<K> };

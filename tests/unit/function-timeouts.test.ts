import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PUSH_TIMEOUT_MS } from '../../cloudfunctions/adapters/cloudbase/entry';
import { SENDING_BUDGET_MS } from '../../cloudfunctions/account/send-pushes';
import { SETTLE_BUDGET_MS } from '../../cloudfunctions/core/seating';
import { TX_BUDGET_MS } from '../../cloudfunctions/core/store/docstore.port';
import { FUNCTION_NAMES, TASK_NAMES } from '../../cloudfunctions/functions';
import { LONGEST_PATH_MS, MARGIN_MS, functionTimeoutS, timeoutSeconds } from '../../scripts/function-timeouts';
import { resolveFunction, type CloudbaseRc } from '../../scripts/deploy-plan';

const config = JSON.parse(readFileSync(join(__dirname, '..', '..', 'cloudbaserc.json'), 'utf8')) as CloudbaseRc;
const DEPLOYED = [...FUNCTION_NAMES, ...TASK_NAMES];

describe('function timeouts from the budgets', () => {
  it('cloudbaserc.json gives each function its longest budget plus the margin', () => {
    for (const name of DEPLOYED) expect({ name, timeout: resolveFunction(config, name)?.timeout }).toEqual({ name, timeout: functionTimeoutS(name) });
    expect(Object.keys(LONGEST_PATH_MS).sort()).toEqual([...DEPLOYED].sort());
  });

  it('leaves every function at least the margin beyond every budget it can spend', () => {
    for (const name of DEPLOYED) expect(functionTimeoutS(name) * 1000).toBeGreaterThanOrEqual(TX_BUDGET_MS + MARGIN_MS);
    // Placing (childcare, activities): the last try may start at the end of the placing budget and run a whole transaction.
    for (const name of ['childcare', 'activities']) expect(functionTimeoutS(name) * 1000).toBeGreaterThanOrEqual(SETTLE_BUDGET_MS + TX_BUDGET_MS + MARGIN_MS);
    // The scheduler sends the queued pushes within its tick; the last send may start as the sending budget ends.
    expect(functionTimeoutS('scheduler') * 1000).toBeGreaterThanOrEqual(SENDING_BUDGET_MS + PUSH_TIMEOUT_MS + MARGIN_MS);
  });

  it('rounds up to whole seconds, and a longer budget gets a longer timeout', () => {
    expect(timeoutSeconds(5000)).toBe((5000 + MARGIN_MS) / 1000);
    expect(timeoutSeconds(5001)).toBe(Math.ceil((5001 + MARGIN_MS) / 1000));
    expect(timeoutSeconds(16_000)).toBeGreaterThan(timeoutSeconds(15_000));
    expect(() => functionTimeoutS('ghost')).toThrow('ghost has no budget');
  });
});

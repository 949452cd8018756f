import { checkinCrowds } from './checkin-crowds';
import { checkinRedeemBench } from './checkin-redeem';
import { childcareBench } from './childcare';
import { cloudbaseCosts } from './cloudbase-costs';
import { coldStart } from './cold-start';
import { consultSlotsBench } from './consult-slots';
import { crowds, seatingCosts } from './crowds';
import { nearbyBench } from './nearby';
import { weappPackageSizes } from './package-sizes';
import { reportsBench } from './reports';
import { reviewQueueBench } from './review-queue';

/** Round trips a database request takes on the cloud path: none, and CloudBase's measured range. */
const LATENCIES_MS = [0, 10, 25] as const;

async function sequentially<T, R>(items: readonly T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const item of items) out.push(await run(item));
  return out;
}

/** npm run bench: every non-functional goal of DESIGN.md, measured here and printed together. */
async function main(): Promise<void> {
  const results = {
    nearby: await nearbyBench(),
    reviewQueue: await reviewQueueBench(),
    checkinRedeem: await checkinRedeemBench(),
    childcare: await childcareBench(),
    consultSlots: await consultSlotsBench(),
    reports: await reportsBench(),
    cloudbase: await cloudbaseCosts(),
    seatingRequestsPerCall: await seatingCosts(),
    checkinCrowds: Object.fromEntries(await sequentially(LATENCIES_MS, async (ms) => [`${ms} ms`, await checkinCrowds(ms)] as const)),
    crowds: await crowds(LATENCIES_MS),
    coldStartMs: await coldStart(),
    weappPackagesKB: weappPackageSizes(),
  };
  console.log(JSON.stringify(results, null, 2));
}

// The CloudBase stand-in keeps a server open: leave once everything is printed.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

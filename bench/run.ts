import { checkinRedeemBench } from './checkin-redeem';
import { childcareBench } from './childcare';
import { cloudbaseCosts } from './cloudbase-costs';
import { coldStart } from './cold-start';
import { consultSlotsBench } from './consult-slots';
import { nearbyBench } from './nearby';
import { weappPackageSizes } from './package-sizes';
import { reportsBench } from './reports';
import { reviewQueueBench } from './review-queue';

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

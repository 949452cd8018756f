// Handler suites in the `cloudbase` jest project run on the CloudBase adapter (tests/support/stores.ts).
process.env.RIDER_HUB_TEST_STORE = 'cloudbase';

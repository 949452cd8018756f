// Tests run with a machine clock in UTC; rules must compute Shanghai days themselves, never from the host zone.
process.env.TZ = 'UTC';

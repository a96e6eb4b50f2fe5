// Placeholder until the test kit lands: uses the servers named by PORTHOLE_SERVERS.
export default function setup() {
  if (!process.env.PORTHOLE_SERVERS) throw new Error('PORTHOLE_SERVERS is not set (temporary global setup)');
}

/**
 * Small runnable programs, each run by a test against the testkit simulators so it cannot rot.
 *
 * <ul>
 *   <li>{@link dev.leadbridge.samples.QuickStartSample}: one provider, configured in code; newest leads, one read
 *       back by id, the value of the won leads.</li>
 *   <li>{@link dev.leadbridge.samples.AggregationSample}: many connections at several providers as one stream, with
 *       per-connection outcomes and the people found in several connections.</li>
 *   <li>{@link dev.leadbridge.samples.ProviderSwapSample}: the same code with an Octanist and a workspace-v1
 *       configuration prints the same canonical fields.</li>
 *   <li>{@link dev.leadbridge.samples.IncrementalSyncSample}: only what changed since the last run, with the
 *       checkpoint persisted in a file.</li>
 * </ul>
 *
 * <p>Each has a {@code main} that reads its configuration as a user would (a properties file in {@code args[0]} or
 * {@code LEADBRIDGE_CONFIG}; the quick start reads environment variables) and a {@code run} method taking the
 * configuration and a {@link java.io.PrintStream}, which the tests call.
 */
package dev.leadbridge.samples;

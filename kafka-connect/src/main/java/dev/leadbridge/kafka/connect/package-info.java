/**
 * A Kafka Connect source connector: {@link dev.leadbridge.kafka.connect.LeadbridgeSourceConnector} puts every
 * connection's leads into one topic keyed by global id, each task syncing whole connections with the client's
 * incremental sync and committing the sync checkpoint as the Connect source offset. See {@code docs/kafka-connect.md}.
 */
package dev.leadbridge.kafka.connect;

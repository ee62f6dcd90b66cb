/**
 * Spring Boot auto-configuration of Leadbridge: a {@link dev.leadbridge.client.LeadbridgeClient} from
 * {@code leadbridge.connections.<name>.*}, its Micrometer meters, and an Actuator health contributor per connection.
 * Each bean backs off when the application defines its own.
 */
package dev.leadbridge.spring.boot.autoconfigure;
